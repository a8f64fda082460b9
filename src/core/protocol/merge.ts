/**
 * The merge rule: which incoming status may replace the one on screen. The socket and the poll
 * race each other, and a late answer must never move a payment backwards.
 */
import { isTerminal, type PaymentStatus, type StatusCode } from './status'

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
  /** For a poll: monotonic time the request was sent. Null for a socket frame. */
  requestStartedAt: number | null
  /** For a socket frame: the id of the socket attempt it arrived on. Null for a poll. */
  socketAttemptId: number | null
  /** Browser wall-clock time (epoch ms) it arrived, to judge the server timestamp it carries. */
  receivedAtWall: number
}

export interface CurrentStatus {
  status: PaymentStatus
  /** Monotonic time the status was applied. */
  appliedAt: number
  /** The socket attempt that delivered it; null for a poll answer. */
  socketAttemptId: number | null
}

export type MergeDecision =
  | { apply: true; status: PaymentStatus }
  | { apply: false; reason: string }

/** Fields a poll or frame may leave out; the previous value stays instead of blanking the card. */
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
  'confirmationsRequired',
] as const satisfies readonly (keyof PaymentStatus)[]

function fillGaps(incoming: PaymentStatus, previous: PaymentStatus): PaymentStatus {
  const merged: PaymentStatus = { ...incoming }
  for (const field of STICKY_FIELDS) {
    if (merged[field] === null) (merged as unknown as Record<string, unknown>)[field] = previous[field]
  }
  if (merged.message === '' && merged.code === previous.code) merged.message = previous.message
  return merged
}

export function mergeStatus(current: CurrentStatus | null, incoming: PaymentStatus, meta: IncomingMeta): MergeDecision {
  if (current === null) return { apply: true, status: incoming }
  const previous = current.status
  if (isTerminal(previous.code)) return { apply: false, reason: `status ${previous.code} is final` }
  if (incoming.code === 'unknown' && previous.code !== 'unknown') {
    return { apply: false, reason: 'an unknown status never replaces a known one' }
  }
  if (meta.requestStartedAt !== null && meta.requestStartedAt < current.appliedAt) {
    return { apply: false, reason: 'poll answer requested before the last applied update' }
  }
  if (
    incoming.source === 'websocket' &&
    previous.source === 'websocket' &&
    incoming.serverTime !== null &&
    previous.serverTime !== null &&
    incoming.serverTime < previous.serverTime
  ) {
    return { apply: false, reason: 'frame older than the status shown' }
  }
  if (RANK[incoming.code] < RANK[previous.code]) {
    return { apply: false, reason: `${incoming.code} would move the payment back from ${previous.code}` }
  }
  if (
    incoming.code === 'confirming' &&
    previous.code === 'confirming' &&
    incoming.confirmations !== null &&
    previous.confirmations !== null &&
    incoming.confirmations < previous.confirmations
  ) {
    return { apply: false, reason: 'fewer confirmations than already shown' }
  }
  return { apply: true, status: fillGaps(incoming, previous) }
}
