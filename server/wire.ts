/**
 * How a channel looks on the wire: the detailed status and `status_update` frame the socket sends,
 * and the `channel` of a status poll. Wording and numbers follow the real server.
 */
import {
  REQUIRED_CONFIRMATIONS,
  type DetailedStatusCode,
  type PollChannel,
  type StatusUpdateMessage,
} from '../src/core/protocol/messages.js'
import { isExpired, type ChannelState } from './channelState.js'

export interface DetailedStatus {
  code: DetailedStatusCode
  message: string
  details: string
  progress: number
}

/** The detailed status of a channel, as the real server's `determineDetailedStatus` words it. */
export function detailedStatus(state: ChannelState, now = Date.now()): DetailedStatus {
  // The real server checks expiry first, and only for a channel still in `pending`.
  if (state.status === 'pending' && isExpired(state, now)) {
    return {
      code: 'expired',
      message: '⏰ Payment expired',
      details: 'Payment window has closed. Please start a new payment.',
      progress: 0,
    }
  }
  switch (state.status) {
    case 'pending':
      if (!state.txHash) {
        return {
          code: 'waiting_payment',
          message: '💳 Waiting for payment',
          details: `Send ${state.amountCrypto} ${state.cryptoType} to the address with the specified memo.`,
          progress: 20,
        }
      }
      return {
        code: 'payment_detected',
        message: '🔍 Payment detected, waiting for confirmations',
        details: `Transaction found: ${state.txHash.substring(0, 10)}...`,
        progress: 40,
      }
    case 'confirming': {
      const required = REQUIRED_CONFIRMATIONS[state.cryptoType]
      return {
        code: 'confirming',
        message: `⏳ Confirming transaction (${state.confirmations}/${required})`,
        details: 'Waiting for network confirmations. This may take a few minutes.',
        // Unrounded, like the real server (e.g. 43 for 1/10 MATIC, 50 for 1/3 BNB).
        progress: 40 + (state.confirmations / required) * 30,
      }
    }
    case 'confirmed':
      return {
        code: 'creating_account',
        message: '⚙️ Creating HIVE account',
        details: 'Payment confirmed! Generating your HIVE account...',
        progress: 80,
      }
    case 'completed':
      return {
        code: 'completed',
        message: '🎉 Account created successfully!',
        details: `Welcome to HIVE, @${state.username}!`,
        progress: 100,
      }
    case 'failed':
      return {
        code: 'failed',
        message: '❌ Account creation failed',
        details: 'Something went wrong. Please contact support.',
        progress: 0,
      }
  }
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString()
}

/** The `status_update` frame for a channel. */
export function statusFrame(state: ChannelState, now = Date.now()): StatusUpdateMessage {
  const status = detailedStatus(state, now)
  return {
    type: 'status_update',
    // The real server spreads a fresh timestamp first when it broadcasts; order kept for realism.
    timestamp: new Date(now).toISOString(),
    channelId: state.channelId,
    status: status.code,
    message: status.message,
    details: status.details,
    progress: status.progress,
    channel: {
      username: state.username,
      cryptoType: state.cryptoType,
      amountCrypto: state.amountCrypto,
      amountUsd: state.amountUsd,
      address: state.address,
      memo: state.memo,
      confirmations: state.confirmations,
      txHash: state.txHash,
      expiresAt: new Date(state.expiresAt).toISOString(),
      createdAt: new Date(state.createdAt).toISOString(),
      isExpired: isExpired(state, now),
    },
  }
}

/** The amount as the poll formats it: 8 decimals and the currency code. */
export function amountFormatted(state: ChannelState): string {
  return `${state.amountCrypto.toFixed(8)} ${state.cryptoType}`
}

/** Payment instructions the poll and the initiate answer carry. */
export function instructions(state: ChannelState): string[] {
  return [
    `Send exactly ${amountFormatted(state)} to the address shown`,
    `Your payment needs ${REQUIRED_CONFIRMATIONS[state.cryptoType]} network confirmation(s)`,
    'The payment window closes 24 hours after it opened',
    `Your HIVE account @${state.username} is created automatically once the payment is confirmed`,
  ]
}

/** The `channel` of a 200 status poll: stored status vocabulary, `timeLeft` in whole minutes. */
export function pollChannel(state: ChannelState, now = Date.now()): PollChannel {
  const status = detailedStatus(state, now)
  return {
    channelId: state.channelId,
    username: state.username,
    status: state.status,
    statusMessage: status.message,
    statusDetails: status.details,
    progress: status.progress,
    cryptoType: state.cryptoType,
    amountFormatted: amountFormatted(state),
    address: state.address,
    memo: state.memo,
    confirmations: state.confirmations,
    confirmationsRequired: REQUIRED_CONFIRMATIONS[state.cryptoType],
    createdAt: new Date(state.createdAt).toISOString(),
    confirmedAt: iso(state.confirmedAt),
    accountCreatedAt: iso(state.accountCreatedAt),
    expiresAt: new Date(state.expiresAt).toISOString(),
    txHash: state.txHash,
    publicKeys: state.publicKeys,
    isExpired: isExpired(state, now),
    timeLeft: Math.max(0, Math.floor((state.expiresAt - now) / 60000)),
    instructions: instructions(state),
  }
}
