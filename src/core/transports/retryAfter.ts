/** Reads an HTTP `Retry-After` header (seconds or an HTTP date) as a delay in ms, capped. */

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
