/** Reads an HTTP `Retry-After` header (seconds or an HTTP date) as a delay in ms, capped, and jitters it. */

/** A hostile or mistaken header must not freeze the page for hours. */
export const MAX_RETRY_AFTER_MS = 5 * 60 * 1000

export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null) return null
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, MAX_RETRY_AFTER_MS)
  const date = Date.parse(trimmed)
  if (!Number.isFinite(date)) return null
  return Math.min(Math.max(date - now, 0), MAX_RETRY_AFTER_MS)
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
