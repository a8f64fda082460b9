/**
 * Whether a server timestamp is believable: within 5 minutes of the browser's clock. The status
 * merge applies the same rule; a frame stamped years off must not shift the countdown either.
 */
const PLAUSIBLE_SKEW_MS = 5 * 60 * 1000

export function isPlausibleServerTime(serverTimeMs: number, browserNowMs: number): boolean {
  return Number.isFinite(serverTimeMs) && Math.abs(serverTimeMs - browserNowMs) <= PLAUSIBLE_SKEW_MS
}
