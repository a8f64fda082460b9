/** Text formatters shared by the page and the support report: one home for each rule. */

/**
 * `abcdef…wxyz`: long ids, hashes and addresses in the space of a short word. A value that would
 * lose fewer than two characters is kept whole.
 */
export function shorten(value: string, head = 6, tail = 4): string {
  if (value.length <= head + tail + 2) return value
  return `${value.slice(0, head)}…${value.slice(-tail)}`
}

/** A channel id in a report for others: it always loses characters, however short it is. */
export function shortenChannelId(id: string): string {
  return id.length > 12 ? shorten(id) : `${id.slice(0, 4)}…`
}

/** Whole seconds, never negative. */
export function wholeSeconds(ms: number): number {
  return Math.max(0, Math.ceil(ms / 1000))
}

/** `4 s`, `12 min`, `2 h 05 min`: a calm "how long". */
export function formatSpan(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000))
  if (s < 60) return `${s} s`
  const min = Math.floor(s / 60)
  if (min < 60) return `${min} min`
  const h = Math.floor(min / 60)
  return `${h} h ${String(min % 60).padStart(2, '0')} min`
}

/** `14:05` or `1:02:09`: a countdown clock. */
export function formatClock(ms: number): string {
  const total = wholeSeconds(ms)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m)
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`
}

/** `233 ms` below a second, `4.2 s` from one on: a measured duration in a verdict. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`
}

/** `4.2 s` below ten seconds, `14 s` from ten on: a span a person compares with a timeout. */
export function formatSeconds(ms: number): string {
  const s = ms / 1000
  return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`
}

/** `233 ms`, or `–` when there is no figure. */
export function formatMs(value: number | null): string {
  return value === null ? '–' : `${Math.round(value)} ms`
}

/** `in 4 s`, `12 s ago`, `now`, or `–`: a moment relative to `now` (both epoch ms). */
export function formatRelative(at: number | null, now: number): string {
  if (at === null) return '–'
  const s = Math.round((at - now) / 1000)
  return s > 0 ? `in ${s} s` : s < 0 ? `${-s} s ago` : 'now'
}

/** `14:05:09.123` in the browser's time zone: event times, to the millisecond. */
export function formatTimeOfDay(at: number): string {
  const d = new Date(at)
  const hms = [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':')
  return `${hms}.${String(d.getMilliseconds()).padStart(3, '0')}`
}
