/**
 * The one status model the UI shows, built from either vocabulary: the WebSocket's detailed codes
 * or the poll's stored statuses (the table in docs/protocol.md).
 */
import {
  REQUIRED_CONFIRMATIONS,
  type Currency,
  type DetailedStatusCode,
  type PollChannel,
  type StatusUpdateMessage,
} from './messages'
import {
  isConfirmationCount,
  isDecimalAmount,
  isPositiveAmount,
  isProgress,
  isRequiredConfirmations,
} from './numbers'

export type StatusCode = DetailedStatusCode | 'unknown'

/** The codes the socket sends (and the poll's stored statuses map to). */
const DETAILED_CODES: readonly DetailedStatusCode[] = [
  'waiting_payment',
  'payment_detected',
  'confirming',
  'creating_account',
  'completed',
  'failed',
  'expired',
]

export const TERMINAL_CODES: ReadonlySet<StatusCode> = new Set(['completed', 'failed', 'expired'])

export function isTerminal(code: StatusCode): boolean {
  return TERMINAL_CODES.has(code)
}

/** Where a status came from; polls and frames differ in what they carry. */
export type StatusSource = 'websocket' | 'poll'

export interface PaymentStatus {
  code: StatusCode
  /** The server's wording; plain text, always rendered as text. */
  message: string
  details: string
  /** A whole percent, 0..100. */
  progress: number
  /** A whole number ≥ 0, or null when unknown. */
  confirmations: number | null
  /** A whole number ≥ 1, or null when unknown (see `mergeStatus` for which source wins). */
  confirmationsRequired: number | null
  /** Amount as a plain decimal above 0, e.g. "0.00123456"; null when the server's is not one. */
  amount: string | null
  currency: Currency | null
  /** The amount's value in US dollars (finite, above 0), when the server says (socket frames only). */
  amountUsd: number | null
  address: string | null
  memo: string | null
  txHash: string | null
  /** Expiry as epoch milliseconds, by the server's clock. */
  expiresAt: number | null
  username: string | null
  /** The server's time for this update (frame `timestamp`), epoch ms, if it sent one. */
  serverTime: number | null
  /** Where the server's clock stood when it answered, as far as the answer pins it (a poll's `timeLeft`). */
  serverTimeRange: ServerTimeRange | null
  source: StatusSource
}

/** Epoch ms by the server's clock: after `earliest`, and at or before `latest` (null: no upper bound). */
export interface ServerTimeRange {
  earliest: number
  latest: number | null
}

const TABLE_PROGRESS: Record<Exclude<StatusCode, 'confirming'>, number> = {
  waiting_payment: 20,
  payment_detected: 40,
  creating_account: 80,
  completed: 100,
  failed: 0,
  expired: 0,
  unknown: 0,
}

const DETAILED: ReadonlySet<string> = new Set(DETAILED_CODES)

export function isCurrency(value: unknown): value is Currency {
  // hasOwn reads a non-string key as its string form, which no currency code is.
  return Object.hasOwn(REQUIRED_CONFIRMATIONS, value as PropertyKey)
}

function tableProgress(code: StatusCode, confirmations: number | null, required: number | null): number {
  if (code !== 'confirming') return TABLE_PROGRESS[code]
  if (required === null) return 40
  return Math.round(40 + (30 * Math.min(confirmations ?? 0, required)) / required)
}

function chooseProgress(
  serverProgress: number | undefined,
  code: StatusCode,
  confirmations: number | null,
  required: number | null,
): number {
  // The server computes some progress values (40 + 1/3 of 30); a whole percent is all a card shows.
  if (isProgress(serverProgress)) return Math.round(serverProgress)
  return tableProgress(code, confirmations, required)
}

/** Epoch ms of an ISO date string, or null when absent or unreadable. */
export function parseTime(value: unknown): number | null {
  // Only text: Date.parse would read the number 5 as the year 2005.
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN
  return Number.isFinite(ms) ? ms : null
}

/** Formats a crypto amount the way a person would write it (no float noise, no exponent). */
export function formatAmount(value: number): string {
  return value.toFixed(8).replace(/\.?0+$/, '')
}

function nonEmpty(value: string | null | undefined): string | null {
  return typeof value === 'string' && value !== '' ? value : null
}

function saneAmount(amount: string | null): string | null {
  return isDecimalAmount(amount ?? '') ? amount : null
}

/** "Confirming transaction (1/1)": the server's own count inside its message. */
const COUNT_IN_MESSAGE = /\((\d+)\/(\d+)\)/

/**
 * Rewrites the server's "(x/y)" in a message to the counts the card shows, so the card never says
 * "(1/1)" above "1 of 2". Production's socket divides by its own table (BTC 1) while its REST route
 * and blockchain monitor use 2 (`api/wsmonitor.js` `getRequiredConfirmations` vs `CRYPTO_CONFIG` in
 * `api/onboarding.js`).
 */
export function withConsistentCount(status: PaymentStatus): PaymentStatus {
  const { confirmations, confirmationsRequired } = status
  if (confirmations === null || confirmationsRequired === null || !COUNT_IN_MESSAGE.test(status.message)) return status
  return { ...status, message: status.message.replace(COUNT_IN_MESSAGE, `(${confirmations}/${confirmationsRequired})`) }
}

/** The fields both vocabularies carry alike, read the same way from a frame's or a poll's channel. */
interface CommonChannelFields {
  cryptoType?: string
  confirmations?: number
  address?: string
  memo?: string | null
  txHash?: string | null
  expiresAt?: string
  username?: string
}

interface SourceSpecific {
  code: StatusCode
  message: string
  details: string
  serverProgress: number | undefined
  /** Required confirmations when the source states them; else the currency's. */
  required: number | undefined
  amount: (currency: Currency | null) => string | null
  amountUsd: number | null
  serverTime: number | null
  serverTimeRange: ServerTimeRange | null
  source: StatusSource
}

function buildStatus(channel: CommonChannelFields, specific: SourceSpecific): PaymentStatus {
  const { code } = specific
  const currency = isCurrency(channel.cryptoType) ? channel.cryptoType : null
  const required = isRequiredConfirmations(specific.required)
    ? specific.required
    : currency
      ? REQUIRED_CONFIRMATIONS[currency]
      : null
  const confirmations = isConfirmationCount(channel.confirmations) ? channel.confirmations : null
  return withConsistentCount({
    code,
    message: specific.message,
    details: specific.details,
    progress: chooseProgress(specific.serverProgress, code, confirmations, required),
    confirmations,
    confirmationsRequired: required,
    amount: saneAmount(specific.amount(currency)),
    currency,
    amountUsd: specific.amountUsd,
    address: nonEmpty(channel.address),
    memo: nonEmpty(channel.memo),
    txHash: nonEmpty(channel.txHash),
    expiresAt: parseTime(channel.expiresAt),
    username: nonEmpty(channel.username),
    serverTime: specific.serverTime,
    serverTimeRange: specific.serverTimeRange,
    source: specific.source,
  })
}

/** Status from a validated `status_update` frame. */
export function statusFromFrame(frame: StatusUpdateMessage): PaymentStatus {
  const channel = frame.channel ?? {}
  return buildStatus(channel, {
    code: DETAILED.has(frame.status) ? (frame.status as StatusCode) : 'unknown',
    message: frame.message ?? '',
    details: frame.details ?? '',
    serverProgress: frame.progress,
    required: undefined,
    amount: () => (isPositiveAmount(channel.amountCrypto) ? formatAmount(channel.amountCrypto) : null),
    amountUsd: isPositiveAmount(channel.amountUsd) ? channel.amountUsd : null,
    serverTime: parseTime(frame.timestamp),
    serverTimeRange: null,
    source: 'websocket',
  })
}

function codeFromStored(channel: PollChannel): StatusCode {
  switch (channel.status) {
    case 'pending':
      if (channel.isExpired === true) return 'expired'
      return nonEmpty(channel.txHash) ? 'payment_detected' : 'waiting_payment'
    case 'confirming':
      return 'confirming'
    case 'confirmed':
      return 'creating_account'
    case 'completed':
      return 'completed'
    case 'failed':
      return 'failed'
    default:
      return 'unknown'
  }
}

/** The poll's `amountFormatted` may already end in the currency code; the UI adds it itself. */
function withoutCurrencySuffix(amount: string | null, currency: Currency | null): string | null {
  if (amount === null || currency === null) return amount
  const suffix = ` ${currency}`
  return amount.endsWith(suffix) ? amount.slice(0, -suffix.length) : amount
}

const MINUTE_MS = 60_000

/**
 * The server's time when it answered a poll, from `timeLeft`: whole minutes to `expiresAt` by its
 * clock, floored and never below 0 (`api/onboarding.js`). So `timeLeft` n > 0 puts the server's time
 * after `expiresAt` − (n + 1) min and at or before `expiresAt` − n min; 0 only says it is past
 * `expiresAt` − 1 min.
 */
export function answeredWithin(channel: Pick<PollChannel, 'timeLeft' | 'expiresAt'>): ServerTimeRange | null {
  const expiresAt = parseTime(channel.expiresAt)
  const left = channel.timeLeft
  if (expiresAt === null || left === undefined || !Number.isSafeInteger(left) || left < 0) return null
  const earliest = expiresAt - (left + 1) * MINUTE_MS
  return { earliest, latest: left > 0 ? expiresAt - left * MINUTE_MS : null }
}

/** Status from a validated poll answer. `serverTime` is the HTTP `Date` header, if readable. */
export function statusFromPoll(channel: PollChannel, serverTime: number | null): PaymentStatus {
  return buildStatus(channel, {
    code: codeFromStored(channel),
    message: channel.statusMessage ?? '',
    details: channel.statusDetails ?? '',
    serverProgress: channel.progress,
    required: channel.confirmationsRequired,
    amount: (currency) => withoutCurrencySuffix(nonEmpty(channel.amountFormatted), currency),
    amountUsd: null,
    serverTime,
    serverTimeRange: answeredWithin(channel),
    source: 'poll',
  })
}
