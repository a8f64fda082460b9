/**
 * The timeline each payment channel walks, as pure steps from one snapshot to the next:
 * waiting_payment → payment_detected → confirming n/required → creating_account → completed.
 */
import { REQUIRED_CONFIRMATIONS, type DetailedStatusCode } from '../src/core/protocol/messages.js'
import { isExpired, type ChannelState } from './channelState.js'
import { newTxHash } from './fakes.js'

/** Steps the timeline can be asked to reach directly (`advance` with `to`). */
export type AdvanceTarget = Exclude<DetailedStatusCode, 'waiting_payment'>

export const ADVANCE_TARGETS: readonly AdvanceTarget[] = [
  'payment_detected',
  'confirming',
  'creating_account',
  'completed',
  'failed',
  'expired',
]

/** Base durations of each step at speed 1, in ms. Confirmations share CONFIRMING_TOTAL_MS. */
export const STEP_MS = {
  waiting: 5000,
  detected: 4000,
  confirmingTotal: 8000,
  creating: 5000,
} as const

/** True once the timeline cannot move any more. */
export function isFinished(state: ChannelState, now = Date.now()): boolean {
  if (state.status === 'completed' || state.status === 'failed') return true
  return state.status === 'pending' && isExpired(state, now)
}

/** The state one step further along, or null at the end. Pure: no clock but `now`. */
export function nextState(state: ChannelState, now: number): ChannelState | null {
  if (isFinished(state, now)) return null
  const required = REQUIRED_CONFIRMATIONS[state.cryptoType]
  const bump = { version: state.version + 1 }
  switch (state.status) {
    case 'pending':
      if (!state.txHash) return { ...state, ...bump, txHash: newTxHash() }
      return { ...state, ...bump, status: 'confirming', confirmations: 1 }
    case 'confirming':
      if (state.confirmations < required) {
        return { ...state, ...bump, confirmations: state.confirmations + 1 }
      }
      return { ...state, ...bump, status: 'confirmed', confirmedAt: now }
    case 'confirmed':
      if (state.outcome === 'failed') return { ...state, ...bump, status: 'failed' }
      return { ...state, ...bump, status: 'completed', accountCreatedAt: now }
    default:
      return null
  }
}

/** How long a channel stays in its current step at speed 1. */
export function stepDuration(state: ChannelState): number {
  switch (state.status) {
    case 'pending':
      return state.txHash ? STEP_MS.detected : STEP_MS.waiting
    case 'confirming':
      return STEP_MS.confirmingTotal / REQUIRED_CONFIRMATIONS[state.cryptoType]
    case 'confirmed':
      return STEP_MS.creating
    default:
      return 0
  }
}

/** Which target a state has reached, to stop an `advance(to)` loop. */
function hasReached(state: ChannelState, to: AdvanceTarget): boolean {
  switch (to) {
    case 'payment_detected':
      return state.status !== 'pending' || state.txHash !== null
    case 'confirming':
      return state.status !== 'pending'
    case 'creating_account':
      return state.status === 'confirmed' || state.status === 'completed' || state.status === 'failed'
    case 'completed':
    case 'failed':
      return state.status === 'completed' || state.status === 'failed'
    case 'expired':
      return true
  }
}

/**
 * Where an advance takes a channel: one step along, or straight to `to`. Returns `state` itself
 * when nothing moves, so the caller can tell whether there is a change to keep.
 */
export function advanceState(state: ChannelState, now: number, to?: AdvanceTarget): ChannelState {
  if (to === 'expired') {
    // Expiry only means something while the payment is still awaited (real server rule).
    return { ...state, status: 'pending', expiresAt: now - 60_000, version: state.version + 1 }
  }
  if (to === 'failed' && !isFinished(state, now)) {
    return { ...state, status: 'failed', version: state.version + 1 }
  }
  let reached = state
  // Bounded: the longest timeline has 1 + 1 + 10 + 1 + 1 steps.
  for (let i = 0; i < 20; i += 1) {
    const next = nextState(reached, now)
    if (!next) break
    reached = next
    if (!to || hasReached(reached, to)) break
  }
  // An advance past the payment counts as the payment an await-payment channel waits for.
  if (reached.mode === 'await-payment' && reached.txHash) reached = { ...reached, mode: 'auto' }
  return reached
}
