/**
 * Validation of everything the server sends, before anything uses it. Nothing here throws: a bad
 * frame or body becomes a `rejected` result with a reason a developer can read.
 */
import type {
  ApiErrorBody,
  PollSuccessBody,
  ServerMessage,
  ServerMessageType,
} from './messages'
import {
  isConfirmationCount,
  isDecimalAmount,
  isNonNegative,
  isPositiveAmount,
  isProgress,
  isRequiredConfirmations,
} from './numbers'

/** Frames and bodies above this size are dropped unread. */
export const MAX_INBOUND_CHARS = 256 * 1024

export type FrameResult =
  /**
   * `warnings`, when present, names each optional field that was dropped because its value was not
   * sane (see `numbers.ts`); the rest of the frame is good and is used.
   */
  | { kind: 'message'; message: ServerMessage; warnings?: readonly string[] }
  /** Well-formed, but a type this app does not use (the socket also carries other features). */
  | { kind: 'ignored'; type: string }
  | { kind: 'rejected'; reason: string }

type FieldKind = 'string' | 'number' | 'boolean' | 'object' | 'string-or-null' | 'string-array' | 'any'
type FieldSpec = Record<string, readonly [FieldKind, 'required' | 'optional']>

function hasKind(value: unknown, kind: FieldKind): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string'
    case 'number':
      // NaN and Infinity (JSON's 1e999) are numbers of the wrong range, not the wrong type: the
      // range rules below drop the field instead of the whole frame.
      return typeof value === 'number'
    case 'boolean':
      return typeof value === 'boolean'
    case 'object':
      return isRecord(value)
    case 'string-or-null':
      return value === null || typeof value === 'string'
    case 'string-array':
      return Array.isArray(value) && value.every((item) => typeof item === 'string')
    case 'any':
      return true
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The parser's own words on where the JSON broke ("Unexpected end of JSON input"). */
function jsonError(error: unknown): string {
  // JSON.parse throws nothing but SyntaxError.
  return (error as SyntaxError).message
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value
}

/** A value as a developer wants to see it in a message: short, strings quoted. */
function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
  return String(value)
}

/** A check a number (or amount text) must pass, and the rule in words for the message. */
type SaneRules = Record<string, readonly [(value: unknown) => boolean, string]>

/**
 * Deletes each present field that breaks its rule and returns one sentence per dropped field. The
 * frame itself is still good: a wrong count must not cost the payer the status it came with.
 */
function dropInsane(object: Record<string, unknown>, rules: SaneRules, where: string): string[] {
  const warnings: string[] = []
  for (const [field, [isSane, rule]] of Object.entries(rules)) {
    const value = object[field]
    if (value === undefined || isSane(value)) continue
    delete object[field]
    warnings.push(`${where}: dropped field "${field}" (${show(value)}): not ${rule}`)
  }
  return warnings
}

const PROGRESS_RULE = [isProgress, 'a number from 0 to 100'] as const
const COUNT_RULE = [isConfirmationCount, 'a whole number, 0 or more'] as const
const AMOUNT_RULE = [isPositiveAmount, 'a finite number above 0'] as const

/** `amountFormatted` is a decimal, optionally followed by the currency code ("0.00123456 BTC"). */
function isAmountText(value: unknown): boolean {
  if (typeof value !== 'string') return false
  const match = /^(\S+)(?: [A-Z]{2,10})?$/.exec(value)
  return match !== null && isDecimalAmount(match[1]!)
}

const FRAME_NUMBER_RULES: SaneRules = { progress: PROGRESS_RULE }
const CHANNEL_NUMBER_RULES: SaneRules = { amountCrypto: AMOUNT_RULE, amountUsd: AMOUNT_RULE, confirmations: COUNT_RULE }
const POLL_NUMBER_RULES: SaneRules = {
  progress: PROGRESS_RULE,
  confirmations: COUNT_RULE,
  confirmationsRequired: [isRequiredConfirmations, 'a whole number, 1 or more'],
  timeLeft: [isNonNegative, 'a finite number, 0 or more'],
  amountFormatted: [isAmountText, 'a decimal amount above 0'],
}

/** The first field that breaks the spec, as a sentence; null when the object fits. */
function checkFields(object: Record<string, unknown>, spec: FieldSpec, where: string): string | null {
  for (const [field, [kind, presence]] of Object.entries(spec)) {
    const value = object[field]
    if (value === undefined) {
      if (presence === 'required') return `${where}: missing field "${field}"`
      continue
    }
    if (!hasKind(value, kind)) {
      return `${where}: field "${field}" should be ${kind.replace(/-/g, ' ')}, got ${describe(value)}`
    }
  }
  return null
}

const CHANNEL_SPEC: FieldSpec = {
  username: ['string', 'optional'],
  cryptoType: ['string', 'optional'],
  amountCrypto: ['number', 'optional'],
  amountUsd: ['number', 'optional'],
  address: ['string', 'optional'],
  memo: ['string-or-null', 'optional'],
  confirmations: ['number', 'optional'],
  txHash: ['string-or-null', 'optional'],
  expiresAt: ['string', 'optional'],
  createdAt: ['string', 'optional'],
  isExpired: ['boolean', 'optional'],
}

const MESSAGE_SPECS: Record<ServerMessageType, FieldSpec> = {
  connected: {
    message: ['string', 'optional'],
    timestamp: ['string', 'optional'],
    server: ['string', 'optional'],
    connectionId: ['string', 'optional'],
  },
  status_update: {
    channelId: ['string', 'required'],
    status: ['string', 'required'],
    message: ['string', 'optional'],
    details: ['string', 'optional'],
    progress: ['number', 'optional'],
    timestamp: ['string', 'optional'],
    channel: ['object', 'optional'],
  },
  error: {
    message: ['string', 'required'],
    details: ['string', 'optional'],
    channelId: ['string', 'optional'],
    receivedType: ['string', 'optional'],
    timestamp: ['string', 'optional'],
  },
  payment_verified: {
    channelId: ['string', 'required'],
    txHash: ['string', 'required'],
    message: ['string', 'optional'],
    transaction: ['any', 'optional'],
    timestamp: ['string', 'optional'],
  },
  payment_sent_confirmed: {
    channelId: ['string', 'required'],
    txHash: ['string', 'required'],
    message: ['string', 'optional'],
    note: ['string', 'optional'],
    timestamp: ['string', 'optional'],
  },
  pong: { timestamp: ['string', 'optional'] },
}

function isKnownType(type: string): type is ServerMessageType {
  return Object.hasOwn(MESSAGE_SPECS, type)
}

/** Parses and validates one WebSocket frame (`MessageEvent.data`). */
export function parseServerFrame(data: unknown): FrameResult {
  if (typeof data !== 'string') return { kind: 'rejected', reason: 'binary frame (expected JSON text)' }
  if (data.length > MAX_INBOUND_CHARS) {
    return { kind: 'rejected', reason: `frame of ${data.length} characters exceeds the ${MAX_INBOUND_CHARS} limit` }
  }
  let value: unknown
  try {
    value = JSON.parse(data)
  } catch (error) {
    return { kind: 'rejected', reason: `malformed JSON (${jsonError(error)})` }
  }
  if (!isRecord(value)) return { kind: 'rejected', reason: `frame is ${describe(value)}, not an object` }
  const type = value.type
  if (typeof type !== 'string') return { kind: 'rejected', reason: 'frame has no string "type"' }
  if (!isKnownType(type)) return { kind: 'ignored', type }
  const problem = checkFields(value, MESSAGE_SPECS[type], type)
  if (problem) return { kind: 'rejected', reason: problem }
  if (type !== 'status_update') return { kind: 'message', message: value as unknown as ServerMessage }
  if (value.channel !== undefined) {
    const channel = value.channel as Record<string, unknown>
    const channelProblem = checkFields(channel, CHANNEL_SPEC, 'status_update.channel')
    if (channelProblem) return { kind: 'rejected', reason: channelProblem }
  }
  const warnings = [
    ...dropInsane(value, FRAME_NUMBER_RULES, 'status_update'),
    ...(value.channel === undefined
      ? []
      : dropInsane(value.channel as Record<string, unknown>, CHANNEL_NUMBER_RULES, 'status_update.channel')),
  ]
  const message = value as unknown as ServerMessage
  return warnings.length > 0 ? { kind: 'message', message, warnings } : { kind: 'message', message }
}

const POLL_CHANNEL_SPEC: FieldSpec = {
  channelId: ['string', 'required'],
  status: ['string', 'required'],
  username: ['string', 'optional'],
  statusMessage: ['string', 'optional'],
  statusDetails: ['string', 'optional'],
  progress: ['number', 'optional'],
  cryptoType: ['string', 'optional'],
  amountFormatted: ['string', 'optional'],
  address: ['string', 'optional'],
  memo: ['string-or-null', 'optional'],
  confirmations: ['number', 'optional'],
  confirmationsRequired: ['number', 'optional'],
  createdAt: ['string', 'optional'],
  confirmedAt: ['string-or-null', 'optional'],
  accountCreatedAt: ['string-or-null', 'optional'],
  expiresAt: ['string', 'optional'],
  txHash: ['string-or-null', 'optional'],
  publicKeys: ['any', 'optional'],
  isExpired: ['boolean', 'optional'],
  timeLeft: ['number', 'optional'],
  instructions: ['string-array', 'optional'],
}

/** `warnings`, when present, names each optional field dropped for an insane value (`numbers.ts`). */
export type BodyResult<T> = { ok: true; value: T; warnings?: readonly string[] } | { ok: false; reason: string }

function parseJsonObject(text: string): BodyResult<Record<string, unknown>> {
  if (text.length > MAX_INBOUND_CHARS) {
    return { ok: false, reason: `body of ${text.length} characters exceeds the ${MAX_INBOUND_CHARS} limit` }
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    const looksHtml = text.trimStart().startsWith('<')
    return { ok: false, reason: looksHtml ? 'HTML instead of JSON (a proxy error page?)' : `malformed JSON (${jsonError(error)})` }
  }
  if (!isRecord(value)) return { ok: false, reason: `body is ${describe(value)}, not an object` }
  return { ok: true, value }
}

/** Validates a 200 answer of the status poll. */
export function parsePollBody(text: string): BodyResult<PollSuccessBody> {
  const parsed = parseJsonObject(text)
  if (!parsed.ok) return parsed
  const body = parsed.value
  if (body.success !== true) return { ok: false, reason: 'poll body: "success" is not true' }
  if (!isRecord(body.channel)) return { ok: false, reason: 'poll body: missing object "channel"' }
  const problem = checkFields(body.channel, POLL_CHANNEL_SPEC, 'poll body channel')
  if (problem) return { ok: false, reason: problem }
  const warnings = dropInsane(body.channel, POLL_NUMBER_RULES, 'poll body channel')
  const value = body as unknown as PollSuccessBody
  return warnings.length > 0 ? { ok: true, value, warnings } : { ok: true, value }
}

/** Reads `{success:false, error}` from an error answer; null when the body is not that shape. */
export function parseApiError(text: string): ApiErrorBody | null {
  const parsed = parseJsonObject(text)
  if (!parsed.ok) return null
  const body = parsed.value
  if (body.success !== false || typeof body.error !== 'string') return null
  return body as unknown as ApiErrorBody
}

/** Reads a REST answer that may carry a `message` (verify-transaction). */
export function parseApiMessage(text: string): { success: boolean; message: string | null } | null {
  const parsed = parseJsonObject(text)
  if (!parsed.ok) return null
  const body = parsed.value
  const message =
    typeof body.message === 'string' ? body.message : typeof body.error === 'string' ? body.error : null
  return { success: body.success === true, message }
}
