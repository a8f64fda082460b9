/** Plausible-looking fake payment data: channel ids, addresses, transaction hashes, prices. */
import { randomBytes } from 'node:crypto'
import type { Currency } from '../src/core/protocol/messages.js'

/** A channel id exactly like the real server's: 16 random bytes as 32 lowercase hex characters. */
export function newChannelId(): string {
  return randomBytes(16).toString('hex')
}

/** A short connection id, like the real server's `Math.random().toString(36)` slice. */
export function newConnectionId(): string {
  return randomBytes(5).readUIntBE(0, 5).toString(36).padStart(6, '0').slice(-6)
}

/** A transaction hash the REST rules accept (64 hex characters, no `0x`). */
export function newTxHash(): string {
  return randomBytes(32).toString('hex')
}

const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l'
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'

function fromAlphabet(alphabet: string, length: number): string {
  const bytes = randomBytes(length)
  let out = ''
  for (const byte of bytes) out += alphabet[byte % alphabet.length]
  return out
}

/** An address in the currency's usual shape (bech32 for BTC, base58 for SOL, 0x-hex for EVM). */
export function fakeAddress(currency: Currency): string {
  switch (currency) {
    case 'BTC':
      return `bc1q${fromAlphabet(BECH32, 38)}`
    case 'SOL':
      return fromAlphabet(BASE58, 44)
    case 'ETH':
    case 'MATIC':
    case 'BNB':
      return `0x${randomBytes(20).toString('hex')}`
  }
}

/** Made-up USD prices; the amounts only have to look right. */
export const USD_PRICES: Record<Currency, number> = {
  BTC: 97250,
  SOL: 182.4,
  ETH: 3412.5,
  MATIC: 0.452,
  BNB: 648.1,
}

/** What an account costs in the simulator, in USD. */
export const ACCOUNT_COST_USD = 3.25

/** Network name the initiate answer reports per currency. */
export const NETWORKS: Record<Currency, string> = {
  BTC: 'Bitcoin',
  SOL: 'Solana',
  ETH: 'Ethereum',
  MATIC: 'Polygon',
  BNB: 'BNB Smart Chain',
}

/** The crypto amount for a USD price, rounded to 8 decimals like the server's DECIMAL(20,8). */
export function cryptoAmount(currency: Currency, usd = ACCOUNT_COST_USD): number {
  return Number((usd / USD_PRICES[currency]).toFixed(8))
}
