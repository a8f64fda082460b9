/**
 * Crypto amounts as exact integers of the smallest unit. The server sends decimal strings
 * ("0.00123456"); wallets want satoshi-exact or wei-exact values, and a float cannot hold 18
 * decimals, so the conversion never goes through a JavaScript number.
 */

const DECIMAL = /^(\d+)(?:\.(\d+))?$/

/**
 * `"2.014"` with 18 decimals → `2014000000000000000n`. Null for anything that is not a plain
 * non-negative decimal (no sign, exponent or separators) or that has more digits after the point
 * than the unit allows: rounding would change what the payer sends.
 */
export function toBaseUnits(amount: string, decimals: number): bigint | null {
  const match = DECIMAL.exec(amount.trim())
  if (!match) return null
  const whole = match[1] ?? '0'
  const fraction = (match[2] ?? '').replace(/0+$/, '')
  if (fraction.length > decimals) return null
  return BigInt(whole + fraction.padEnd(decimals, '0'))
}

/** `123456n` with 8 decimals → `"0.00123456"`: the shortest exact decimal, leading `0.` kept. */
export function fromBaseUnits(units: bigint, decimals: number): string {
  const digits = units.toString().padStart(decimals + 1, '0')
  const whole = digits.slice(0, digits.length - decimals)
  const fraction = digits.slice(digits.length - decimals).replace(/0+$/, '')
  return fraction === '' ? whole : `${whole}.${fraction}`
}

/** The amount as digits only (what a wallet's amount field takes), or null if it is not one. */
export function amountDigits(amount: string | null, decimals: number): string | null {
  if (amount === null) return null
  const units = toBaseUnits(amount, decimals)
  return units === null ? null : fromBaseUnits(units, decimals)
}
