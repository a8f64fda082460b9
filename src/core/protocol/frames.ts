/**
 * Validation of every WebSocket frame the server sends, before anything uses it. Nothing here
 * throws: a bad frame becomes a `rejected` result with a reason a developer can read.
 */
import type { ServerMessage, ServerMessageType } from './messages'
import { CHANNEL_NUMBER_RULES, FRAME_NUMBER_RULES, dropInsane } from './numbers'
import { MAX_INBOUND_CHARS, checkFields, describe, isRecord, jsonError, optional, required, type FieldSpec } from './fields'

export type FrameResult =
  /**
   * `warnings`, when present, names each optional field that was dropped because its value was not
   * sane (see `numbers.ts`); the rest of the frame is good and is used.
   */
  | { kind: 'message'; message: ServerMessage; warnings?: readonly string[] }
  /** Well-formed, but a type this app does not use (the socket also carries other features). */
  | { kind: 'ignored'; type: string }
  | { kind: 'rejected'; reason: string }

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
