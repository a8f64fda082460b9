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
  return typeof value === 'number' && Number.isFinite(value) && value > 0
}

/** A count of minutes or similar: finite, zero or more. */
export function isNonNegative(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
}

/** A plain decimal above zero as a person writes it: "0.00123456", "2"; no sign, no exponent. */
const DECIMAL = /^(?:0|[1-9]\d*)(?:\.\d+)?$/

export function isDecimalAmount(text: string): boolean {
  return DECIMAL.test(text) && /[1-9]/.test(text)
}
