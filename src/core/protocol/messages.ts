/**
 * Wire types of the payment monitor protocol, both directions, as the production server speaks
 * them (see docs/protocol.md). Inbound types describe a frame *after* validation; see `frames.ts` and `bodies.ts`.
 */

/** Currencies the monitor watches, with the confirmations the backend requires for each. */
export const REQUIRED_CONFIRMATIONS = { BTC: 2, SOL: 1, ETH: 2, MATIC: 10, BNB: 3 } as const
export type Currency = keyof typeof REQUIRED_CONFIRMATIONS
export const CURRENCIES = Object.keys(REQUIRED_CONFIRMATIONS) as Currency[]

/** Detailed status codes sent over the WebSocket. */
export type DetailedStatusCode =
  | 'waiting_payment'
  | 'payment_detected'
  | 'confirming'
  | 'creating_account'
  | 'completed'
  | 'failed'
  | 'expired'

/** Statuses the REST API stores and returns from the status poll. */
export type StoredStatus = 'pending' | 'confirming' | 'confirmed' | 'completed' | 'failed'

// ---- client to server ----

export interface SubscribeMessage { type: 'subscribe'; channelId: string }
export interface UnsubscribeMessage { type: 'unsubscribe'; channelId: string }
export interface PaymentSentMessage { type: 'payment_sent'; channelId: string; txHash: string }
export interface PingMessage { type: 'ping' }

export type ClientMessage = SubscribeMessage | UnsubscribeMessage | PaymentSentMessage | PingMessage

// ---- server to client ----

export interface ConnectedMessage {
  type: 'connected'
  message: string
  timestamp: string
  server: string
  connectionId: string
}

/** The `channel` object of a `status_update`. Every field is optional on the wire. */
export interface WireChannel {
  username?: string
  cryptoType?: string
  amountCrypto?: number
  amountUsd?: number
  address?: string
  memo?: string | null
  confirmations?: number
  txHash?: string | null
  expiresAt?: string
  createdAt?: string
  isExpired?: boolean
}

export interface StatusUpdateMessage {
  type: 'status_update'
  channelId: string
  /** A detailed code; an unexpected string is kept and maps to `unknown`. */
  status: string
  message?: string
  details?: string
  progress?: number
  timestamp?: string
  channel?: WireChannel
}

export interface ErrorMessage {
  type: 'error'
  message: string
  details?: string
  channelId?: string
  receivedType?: string
  timestamp?: string
}

export interface PaymentVerifiedMessage {
  type: 'payment_verified'
  channelId: string
  txHash: string
  message?: string
  transaction?: unknown
  timestamp?: string
}

export interface PaymentSentConfirmedMessage {
  type: 'payment_sent_confirmed'
  channelId: string
  txHash: string
  message?: string
  note?: string
  timestamp?: string
}

export interface PongMessage { type: 'pong'; timestamp?: string }

export type ServerMessage =
  | ConnectedMessage
  | StatusUpdateMessage
  | ErrorMessage
  | PaymentVerifiedMessage
  | PaymentSentConfirmedMessage
  | PongMessage

export type ServerMessageType = ServerMessage['type']

/** Error texts the real server sends, word for word. */
export const SERVER_ERRORS = {
  channelNotFound: 'Payment channel not found',
  channelIdRequired: 'Channel ID required',
  invalidFormat: 'Invalid message format',
  unknownType: 'Unknown message type',
  statusFailed: 'Failed to get channel status',
} as const

// ---- REST ----

/** The `channel` of a 200 answer to `GET /api/onboarding/payment/status/:channelId`. */
export interface PollChannel {
  channelId: string
  username?: string
  /** A stored status; an unexpected string is kept and maps to `unknown`. */
  status: string
  statusMessage?: string
  statusDetails?: string
  progress?: number
  cryptoType?: string
  amountFormatted?: string
  address?: string
  memo?: string | null
  confirmations?: number
  confirmationsRequired?: number
  createdAt?: string
  confirmedAt?: string | null
  accountCreatedAt?: string | null
  expiresAt?: string
  txHash?: string | null
  publicKeys?: unknown
  isExpired?: boolean
  timeLeft?: number
  instructions?: string[]
}

export interface PollSuccessBody { success: true; channel: PollChannel }
export interface ApiErrorBody { success: false; error: string; details?: unknown }

export interface VerifyTransactionRequest { channelId: string; txHash: string }

/** A channel's status route; on its own too, for the starter, inline in the HTML, which needs no other. */
export const statusPath = (channelId: string): string => `/api/onboarding/payment/status/${encodeURIComponent(channelId)}`

/** REST paths, relative to the API origin (and its optional prefix). */
export const API_PATHS = {
  status: statusPath,
  pricing: '/api/onboarding/pricing',
  initiate: '/api/onboarding/payment/initiate',
  verifyTransaction: '/api/onboarding/payment/verify-transaction',
} as const

export const WS_PATH = '/ws/payment-monitor'
