/**
 * The input rules the real server enforces on REST bodies (docs/protocol.md, input rules), with its 400 shape:
 * `details: [{field, message, value}]`. Bodies are untrusted: only known fields are read.
 */
import { CURRENCIES, type Currency } from '../src/core/protocol/messages.js'
import { isRecord } from './http.js'

/** One broken rule, as the real server reports it. */
export interface ValidationDetail {
  field: string
  message: string
  value?: unknown
}

export const USERNAME = /^(?=.{3,16}$)[a-z][a-z0-9-]{1,}[a-z0-9](\.[a-z][a-z0-9-]{1,}[a-z0-9])*$/
export const PUBLIC_KEY = /^(STM|TST)[A-Za-z0-9]{50,60}$/
export const TX_HASH = /^[a-fA-F0-9]{32,128}$/
export const CHANNEL_ID = /^[a-fA-F0-9]{32}$/
export const KEY_ROLES = ['owner', 'active', 'posting', 'memo'] as const

/** A client value fit to echo back: primitives only, long strings cut. */
function echo(value: unknown): unknown {
  if (typeof value === 'string') return value.length > 128 ? `${value.slice(0, 128)}…` : value
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value
  return undefined
}

function check(
  details: ValidationDetail[],
  field: string,
  value: unknown,
  pattern: RegExp,
  messages: { required: string; invalid: string },
): void {
  if (value === undefined || value === null || value === '') {
    details.push({ field, message: messages.required })
  } else if (typeof value !== 'string' || !pattern.test(value)) {
    details.push({ field, message: messages.invalid, value: echo(value) })
  }
}

/** A valid initiate body. */
export interface InitiateInput {
  username: string
  cryptoType: Currency
  publicKeys: Record<(typeof KEY_ROLES)[number], string>
}

/** Validates `POST /api/onboarding/payment/initiate`. */
export function validateInitiate(body: unknown): { ok: true; value: InitiateInput } | { ok: false; details: ValidationDetail[] } {
  const fields = isRecord(body) ? body : {}
  const details: ValidationDetail[] = []
  check(details, 'username', fields.username, USERNAME, {
    required: 'Username is required',
    invalid: 'Username must be 3-16 characters, lowercase letters, numbers, hyphens, and dots only',
  })
  const keys = fields.publicKeys
  if (!isRecord(keys)) {
    details.push({ field: 'publicKeys', message: '"publicKeys" is required' })
  } else {
    for (const role of KEY_ROLES) {
      check(details, `publicKeys.${role}`, keys[role], PUBLIC_KEY, {
        required: `"publicKeys.${role}" is required`,
        invalid: 'Public key must be in HIVE format (STM/TST prefix, 50-60 characters)',
      })
    }
  }
  const crypto = fields.cryptoType
  if (crypto === undefined || crypto === null || crypto === '') {
    details.push({ field: 'cryptoType', message: '"cryptoType" is required' })
  } else if (typeof crypto !== 'string' || !(CURRENCIES as string[]).includes(crypto)) {
    details.push({ field: 'cryptoType', message: `"cryptoType" must be one of [${CURRENCIES.join(', ')}]`, value: echo(crypto) })
  }
  if (details.length > 0) return { ok: false, details }
  const k = keys as Record<string, string>
  return {
    ok: true,
    value: {
      username: fields.username as string,
      cryptoType: crypto as Currency,
      publicKeys: { owner: k.owner as string, active: k.active as string, posting: k.posting as string, memo: k.memo as string },
    },
  }
}

/** Validates `POST /api/onboarding/payment/verify-transaction`. */
export function validateVerify(body: unknown): { ok: true; value: { channelId: string; txHash: string } } | { ok: false; details: ValidationDetail[] } {
  const fields = isRecord(body) ? body : {}
  const details: ValidationDetail[] = []
  check(details, 'channelId', fields.channelId, CHANNEL_ID, {
    required: '"channelId" is required',
    invalid: 'Invalid channel ID format',
  })
  check(details, 'txHash', fields.txHash, TX_HASH, {
    required: 'Transaction hash is required',
    invalid: 'Transaction hash must be hexadecimal, 32 to 128 characters',
  })
  if (details.length > 0) return { ok: false, details }
  return { ok: true, value: { channelId: fields.channelId as string, txHash: fields.txHash as string } }
}
