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
import { CHANNEL_NUMBER_RULES, FRAME_NUMBER_RULES, POLL_NUMBER_RULES, dropInsane } from './numbers'

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
interface FieldRule {
  kind: FieldKind
  required: boolean
}
type FieldSpec = Record<string, FieldRule>

const required = (kind: FieldKind): FieldRule => ({ kind, required: true })
const optional = (kind: FieldKind): FieldRule => ({ kind, required: false })

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

/** The first field that breaks the spec, as a sentence; null when the object fits. */
function checkFields(object: Record<string, unknown>, spec: FieldSpec, where: string): string | null {
  for (const [field, { kind, required: isRequired }] of Object.entries(spec)) {
    const value = object[field]
    if (value === undefined) {
      if (isRequired) return `${where}: missing field "${field}"`
      continue
    }
    if (!hasKind(value, kind)) {
      return `${where}: field "${field}" should be ${kind.replace(/-/g, ' ')}, got ${describe(value)}`
    }
  }
  return null
}

const CHANNEL_SPEC: FieldSpec = {
  username: optional('string'),
  cryptoType: optional('string'),
  amountCrypto: optional('number'),
  amountUsd: optional('number'),
  address: optional('string'),
  memo: optional('string-or-null'),
  confirmations: optional('number'),
  txHash: optional('string-or-null'),
  expiresAt: optional('string'),
  createdAt: optional('string'),
  isExpired: optional('boolean'),
}

const MESSAGE_SPECS: Record<ServerMessageType, FieldSpec> = {
  connected: {
    message: optional('string'),
    timestamp: optional('string'),
    server: optional('string'),
    connectionId: optional('string'),
  },
  status_update: {
    channelId: required('string'),
    status: required('string'),
    message: optional('string'),
    details: optional('string'),
    progress: optional('number'),
    timestamp: optional('string'),
    channel: optional('object'),
  },
  error: {
    message: required('string'),
    details: optional('string'),
    channelId: optional('string'),
    receivedType: optional('string'),
    timestamp: optional('string'),
  },
  payment_verified: {
    channelId: required('string'),
    txHash: required('string'),
    message: optional('string'),
    transaction: optional('any'),
    timestamp: optional('string'),
  },
  payment_sent_confirmed: {
    channelId: required('string'),
    txHash: required('string'),
    message: optional('string'),
    note: optional('string'),
    timestamp: optional('string'),
  },
  pong: { timestamp: optional('string') },
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
  channelId: required('string'),
  status: required('string'),
  username: optional('string'),
  statusMessage: optional('string'),
  statusDetails: optional('string'),
  progress: optional('number'),
  cryptoType: optional('string'),
  amountFormatted: optional('string'),
  address: optional('string'),
  memo: optional('string-or-null'),
  confirmations: optional('number'),
  confirmationsRequired: optional('number'),
  createdAt: optional('string'),
  confirmedAt: optional('string-or-null'),
  accountCreatedAt: optional('string-or-null'),
  expiresAt: optional('string'),
  txHash: optional('string-or-null'),
  publicKeys: optional('any'),
  isExpired: optional('boolean'),
  timeLeft: optional('number'),
  instructions: optional('string-array'),
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
