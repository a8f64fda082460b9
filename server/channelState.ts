/** One payment channel as the simulator holds it: an immutable snapshot, and how it moves. */
import type { Currency, StoredStatus } from '../src/core/protocol/messages.js'

/**
 * How a channel moves along its timeline.
 * - `auto`: plays the whole timeline by itself (the dev demo).
 * - `await-payment`: waits for a payment (`payment_sent`, verify-transaction or an advance), then
 *   plays the rest by itself, like a real channel.
 * - `manual`: moves only when told (`POST /__sim/channels/:id/advance`, or a reported payment).
 */
export type ChannelMode = 'auto' | 'await-payment' | 'manual'

export const CHANNEL_MODES: readonly ChannelMode[] = ['auto', 'await-payment', 'manual']

/** One immutable snapshot of a channel; every change makes a new one (polls may serve old ones). */
export interface ChannelState {
  readonly channelId: string
  readonly username: string
  readonly cryptoType: Currency
  readonly amountCrypto: number
  readonly amountUsd: number
  readonly address: string
  readonly memo: string | null
  /** The stored status, in the REST vocabulary. */
  readonly status: StoredStatus
  readonly txHash: string | null
  readonly confirmations: number
  /** Epoch ms. */
  readonly createdAt: number
  readonly expiresAt: number
  readonly confirmedAt: number | null
  readonly accountCreatedAt: number | null
  readonly publicKeys: Readonly<Record<string, string>> | null
  /** How the timeline ends once the account step is reached. */
  readonly outcome: 'completed' | 'failed'
  readonly mode: ChannelMode
  /** Increases on every change. */
  readonly version: number
}

/** True when the payment window has closed on a channel still waiting for its payment. */
export function isExpired(state: ChannelState, now = Date.now()): boolean {
  return now > state.expiresAt
}
