/**
 * The merge rule: which incoming status may replace the one on screen. The socket and the poll
 * race each other, and a late answer must never move a payment backwards.
 *
 * The server's clock is trusted only to order frames of one socket attempt, and only while both
 * frames' times are within five minutes of the server's clock as estimated from its own times
 * (`core/serverClock.ts`), never the device's, which may be hours off: a frame stamped in 2031 (or
 * a server clock stepped back an hour) must never freeze the card. Otherwise the payment itself
 * decides: its rank, then its confirmation count.
 */
import { isTerminal, withConsistentCount, type PaymentStatus, type StatusCode } from './status'

/** How far a server timestamp may be from the server's estimated clock and still be believed. */
export const MAX_SERVER_CLOCK_SKEW_MS = 5 * 60 * 1000

/**
 * Whether a server timestamp is close enough to the corrected clock (device clock plus the
 * estimated server-clock offset) to order frames by.
 */
export function isPlausibleServerTime(serverTimeMs: number, correctedNowMs: number): boolean {
  return Math.abs(serverTimeMs - correctedNowMs) <= MAX_SERVER_CLOCK_SKEW_MS
}

/** How far along a payment is. Statuses only move forward in this protocol. */
const RANK: Record<StatusCode, number> = {
  unknown: -1,
  waiting_payment: 0,
  payment_detected: 1,
  confirming: 2,
  creating_account: 3,
  completed: 4,
  failed: 4,
  expired: 4,
}

export interface IncomingMeta {
  /** For a poll: monotonic time (`clock.monotonic()`) the request was sent. Null for a socket frame. */
  requestStartedAt: number | null
  /** For a socket frame: the id of the socket attempt it arrived on. Null for a poll. */
  socketAttemptId: number | null
  /**
   * Browser wall-clock time (epoch ms) it arrived; plus the server-clock offset, the server's time
   * then, to judge the server timestamp it carries.
   */
  receivedAtWall: number
}

export interface CurrentStatus {
  status: PaymentStatus
  /** Monotonic time (`clock.monotonic()`) the status was applied. */
  appliedAt: number
  /** The socket attempt that delivered it; null for a poll answer. */
  socketAttemptId: number | null
}

export type MergeDecision =
  | { apply: true; status: PaymentStatus }
  | { apply: false; reason: string }

/**
 * Fields a poll or frame may leave out; the previous value stays instead of blanking the card.
 * (`confirmationsRequired` has its own rule below.)
 */
const STICKY_FIELDS = [
  'amount',
  'amountUsd',
  'currency',
  'address',
  'memo',
  'txHash',
  'expiresAt',
  'username',
  'confirmations',
] as const satisfies readonly (keyof PaymentStatus)[]

function fillGaps(incoming: PaymentStatus, previous: PaymentStatus): PaymentStatus {
  const merged: PaymentStatus = { ...incoming }
  for (const field of STICKY_FIELDS) {
    if (merged[field] === null) (merged as unknown as Record<string, unknown>)[field] = previous[field]
  }
  if (merged.message === '' && merged.code === previous.code) merged.message = previous.message
  return merged
}

/** A real change: a later stage, or more confirmations in the same one. */
function movesForward(previous: PaymentStatus, incoming: PaymentStatus): boolean {
  if (RANK[incoming.code] > RANK[previous.code]) return true
  // Same rank here means the same status: lower ranks and terminal ones were refused already.
  return incoming.confirmations !== null && incoming.confirmations > (previous.confirmations ?? -1)
}

/** Within confirming, a count below the one shown is a late answer. An update without one is not. */
function fewerConfirmations(previous: PaymentStatus, incoming: PaymentStatus): boolean {
  if (incoming.code !== 'confirming' || previous.code !== 'confirming' || incoming.confirmations === null) return false
  return incoming.confirmations < (previous.confirmations ?? 0)
}

/**
 * The incoming frame carries an older server time than the status shown, both from the socket
 * attempt it arrived on, and both times are believable now by the corrected clock. A time that is
 * not (2099) orders nothing, so it can never make every later frame look older.
 */
function olderOnSameSocket(current: CurrentStatus, incoming: PaymentStatus, meta: IncomingMeta, serverClockOffsetMs: number): boolean {
  if (meta.socketAttemptId === null || meta.socketAttemptId !== current.socketAttemptId) return false
  // A missing time (NaN) is never plausible, so it orders nothing.
  const shown = current.status.serverTime ?? Number.NaN
  const sent = incoming.serverTime ?? Number.NaN
  const serverNow = meta.receivedAtWall + serverClockOffsetMs
  if (!isPlausibleServerTime(shown, serverNow) || !isPlausibleServerTime(sent, serverNow)) return false
  return sent < shown
}

/**
 * One source for "x of y": the poll states `confirmationsRequired` (from the backend's currency
 * config); a socket frame's value is only our per-currency table. So the poll's value, once seen,
 * stays until another poll says otherwise.
 */
function requiredConfirmations(previous: PaymentStatus, incoming: PaymentStatus): number | null {
  if (incoming.source === 'poll') return incoming.confirmationsRequired ?? previous.confirmationsRequired
  return previous.confirmationsRequired ?? incoming.confirmationsRequired
}

/**
 * Within one status the bar never moves back. Production's socket and poll compute confirming
 * progress from different tables (BTC: socket 1/1 → 70, poll 1 of 2 → 55), so they alternate.
 */
function progressOf(previous: PaymentStatus, incoming: PaymentStatus): number {
  return incoming.code === previous.code ? Math.max(previous.progress, incoming.progress) : incoming.progress
}

/**
 * @param serverClockOffsetMs server clock minus the browser's, as estimated; 0 (the default) while
 *   nothing is known about it.
 * @example mergeStatus(shown, statusFromFrame(frame), meta, estimate.offsetMs ?? 0)
 */
export function mergeStatus(
  current: CurrentStatus | null,
  incoming: PaymentStatus,
  meta: IncomingMeta,
  serverClockOffsetMs = 0,
): MergeDecision {
  if (current === null) return { apply: true, status: incoming }
  const previous = current.status
  if (isTerminal(previous.code)) return { apply: false, reason: `status ${previous.code} is final` }
  if (incoming.code === 'unknown' && previous.code !== 'unknown') {
    return { apply: false, reason: 'an unknown status never replaces a known one' }
  }
  if (meta.requestStartedAt !== null && meta.requestStartedAt < current.appliedAt) {
    return { apply: false, reason: 'poll answer requested before the last applied update' }
  }
  if (RANK[incoming.code] < RANK[previous.code]) {
    return { apply: false, reason: `${incoming.code} would move the payment back from ${previous.code}` }
  }
  if (fewerConfirmations(previous, incoming)) return { apply: false, reason: 'fewer confirmations than already shown' }
  // A real change is never held back by a timestamp: the server's clock may have stepped back.
  if (!movesForward(previous, incoming) && olderOnSameSocket(current, incoming, meta, serverClockOffsetMs)) {
    return { apply: false, reason: 'frame older than the status shown, on the same socket' }
  }
  const merged = fillGaps(incoming, previous)
  merged.confirmationsRequired = requiredConfirmations(previous, incoming)
  merged.progress = progressOf(previous, incoming)
  return { apply: true, status: withConsistentCount(merged) }
}
