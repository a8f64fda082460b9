/**
 * The network each monitored currency is paid on. ETH, MATIC and BNB share the 0x address format,
 * so the page names the network wherever it shows an amount or an address: paying on the wrong one
 * loses the money.
 */
import type { Currency } from '../protocol/messages'

export interface Network {
  /** What the payer reads next to the amount, e.g. `Polygon PoS`. */
  name: string
  /** Digits after the decimal point in the currency's smallest unit (satoshi, lamport, wei). */
  decimals: number
  /** EIP-155 chain id of an EVM network; null elsewhere. */
  chainId: number | null
  /** Average time between blocks, seconds: what one confirmation takes on average. */
  blockSeconds: number
}

export const NETWORKS: Readonly<Record<Currency, Network>> = {
  BTC: { name: 'Bitcoin', decimals: 8, chainId: null, blockSeconds: 600 },
  SOL: { name: 'Solana', decimals: 9, chainId: null, blockSeconds: 0.4 },
  ETH: { name: 'Ethereum mainnet', decimals: 18, chainId: 1, blockSeconds: 12 },
  MATIC: { name: 'Polygon PoS', decimals: 18, chainId: 137, blockSeconds: 2 },
  BNB: { name: 'BNB Smart Chain', decimals: 18, chainId: 56, blockSeconds: 3 },
}

/** The network's name for the payer, or null when the currency is not known. */
export function networkName(currency: Currency | null): string | null {
  return currency === null ? null : NETWORKS[currency].name
}

/** Whether the currency lives on an EVM chain (0x addresses and hashes). */
export function isEvm(currency: Currency): boolean {
  return NETWORKS[currency].chainId !== null
}

/** How long confirmations take, as figures: the page words it in the payer's language. */
export type ConfirmationEstimate =
  | { kind: 'minutes_range'; from: number; to: number }
  | { kind: 'about_minutes'; minutes: number }
  | { kind: 'under_minute' }

/**
 * An honest "how long" for `required` confirmations on the currency's network: Bitcoin `10 to 60
 * minutes` (blocks come every 10 minutes on average, but the gaps vary a lot), elsewhere `about 3
 * minutes` or `under a minute`; null when the currency is not known.
 */
export function confirmationEstimate(currency: Currency | null, required: number | null): ConfirmationEstimate | null {
  if (currency === null) return null
  const n = Math.max(1, required ?? 1)
  if (currency === 'BTC') return { kind: 'minutes_range', from: 5 * n, to: 30 * n }
  const seconds = n * NETWORKS[currency].blockSeconds
  if (seconds < 60) return { kind: 'under_minute' }
  return { kind: 'about_minutes', minutes: Math.ceil(seconds / 60) }
}
