/**
 * What a sane number is, for every number the server sends. Parsing drops a field that breaks
 * these rules (and says so); the status model checks them again so nothing it builds can carry
 * NaN, Infinity or a count below zero to the card or the embed message.
 *
 * We drop rather than clamp: a clamped value is a value the server never sent. Progress 115 %
 * clamped to 100 would tell the payer the account is done while it is still confirming; without the
 * server's number the status table gives a truthful one. The one exception is rounding progress to a
 * whole percent, which changes nothing a person can see.
 */

/** A confirmation count: a whole number, zero or more. */
export function isConfirmationCount(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0
}

/** Confirmations a payment needs: a whole number, at least one (dividing by zero is no rule). */
export function isRequiredConfirmations(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 1
}

/** A percentage of the way to done: 0 to 100 (fractions allowed; the server computes some). */
export function isProgress(value: unknown): value is number {
  return typeof value === 'number' && value >= 0 && value <= 100
}

/** A price or a crypto amount to pay: finite and above zero (a payment of nothing is no payment). */
export function isPositiveAmount(value: unknown): value is number {
  // Number.isFinite never coerces: a string is not finite.
  return Number.isFinite(value) && (value as number) > 0
}

/** A count of minutes or similar: finite, zero or more. */
export function isNonNegative(value: unknown): value is number {
  return Number.isFinite(value) && (value as number) >= 0
}

/** A plain decimal above zero as a person writes it: "0.00123456", "2"; no sign, no exponent. */
const DECIMAL = /^(?:0|[1-9]\d*)(?:\.\d+)?$/

export function isDecimalAmount(text: string): boolean {
  return DECIMAL.test(text) && /[1-9]/.test(text)
}

// ---- applied to what the server sends (frames.ts, bodies.ts) ----

/** A value as a developer wants to see it in a message: short, strings quoted. */
function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
  return String(value)
}

/** A check a number (or amount text) must pass, and the rule in words for the message. */
export type SaneRules = Record<string, readonly [(value: unknown) => boolean, string]>

/**
 * Deletes each present field that breaks its rule and returns one sentence per dropped field. The
 * frame itself is still good: a wrong count must not cost the payer the status it came with.
 */
export function dropInsane(object: Record<string, unknown>, rules: SaneRules, where: string): string[] {
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
  // The field spec has already made it a string.
  const match = /^(\S+)(?: [A-Z]{2,10})?$/.exec(value as string)
  return match !== null && isDecimalAmount(match[1]!)
}

export const FRAME_NUMBER_RULES: SaneRules = { progress: PROGRESS_RULE }
export const CHANNEL_NUMBER_RULES: SaneRules = { amountCrypto: AMOUNT_RULE, amountUsd: AMOUNT_RULE, confirmations: COUNT_RULE }
export const POLL_NUMBER_RULES: SaneRules = {
  progress: PROGRESS_RULE,
  confirmations: COUNT_RULE,
  confirmationsRequired: [isRequiredConfirmations, 'a whole number, 1 or more'],
  timeLeft: [isNonNegative, 'a finite number, 0 or more'],
  amountFormatted: [isAmountText, 'a decimal amount above 0'],
}
