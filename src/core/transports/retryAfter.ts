/** Reads an HTTP `Retry-After` header (whole seconds or an HTTP-date) as a delay in ms, capped, and jitters it. */

/** A hostile or mistaken header must not freeze the page for hours. */
export const MAX_RETRY_AFTER_MS = 5 * 60 * 1000

/**
 * An HTTP-date in any of its three forms (IMF-fixdate, RFC 850, asctime): a weekday, then a time of
 * day. Anything else (`1.5`, `-1`, a bare year) is not a date, however `Date.parse` reads it.
 */
const HTTP_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? .*\b\d{2}:\d{2}:\d{2}\b/

/**
 * The delay a `Retry-After` asks for, in ms, capped; null when it is no hint: absent, `0`, negative,
 * not a whole number of seconds, not an HTTP-date, or a date not after `serverNow`. An HTTP-date is
 * on the server's clock, so `serverNow` is the server's time as the page estimates it, not the
 * device's (a phone or a proxy whose clock is minutes off must not turn it into "now").
 */
export function parseRetryAfter(value: string | null, serverNow: number): number | null {
  if (value === null) return null
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) {
    const seconds = Number(trimmed)
    return seconds > 0 ? Math.min(seconds * 1000, MAX_RETRY_AFTER_MS) : null
  }
  if (!HTTP_DATE.test(trimmed)) return null
  const date = Date.parse(trimmed)
  if (!Number.isFinite(date) || date <= serverNow) return null
  return Math.min(date - serverNow, MAX_RETRY_AFTER_MS)
}

/**
 * Jitter added to a server's Retry-After, so clients told the same moment do not all come back in
 * it: up to 10 % of waits from 10 s on, a share shrinking with the wait below that (1 s: up to 1 %,
 * 10 ms). Each client hears a short wait in its own answer, so the crowd stays as spread as its
 * requests were; a long one (an API down for minutes) is where clients pile up and need spreading.
 */
const RETRY_AFTER_JITTER = 0.1
const RETRY_AFTER_FULL_JITTER_FROM_MS = 10_000

/** The delay before the next request after a Retry-After of `waitMs` (capped), with its jitter. */
export function retryAfterDelay(waitMs: number, random: () => number): number {
  const wait = Math.min(waitMs, MAX_RETRY_AFTER_MS)
  const share = RETRY_AFTER_JITTER * Math.min(1, wait / RETRY_AFTER_FULL_JITTER_FROM_MS)
  return Math.round(wait * (1 + random() * share))
}
