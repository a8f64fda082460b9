/**
 * Validation of the HTTP API's answers (the status poll, its errors, verify-transaction), before
 * anything uses them. Nothing here throws: a bad body becomes a result with a reason a developer
 * can read.
 */
import type { ApiErrorBody, PollSuccessBody } from './messages'
import { POLL_NUMBER_RULES, dropInsane } from './numbers'
import { MAX_INBOUND_CHARS, checkFields, describe, isRecord, jsonError, optional, required, type FieldSpec } from './fields'

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
