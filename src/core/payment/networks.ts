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
}

export const NETWORKS: Readonly<Record<Currency, Network>> = {
  BTC: { name: 'Bitcoin', decimals: 8, chainId: null },
  SOL: { name: 'Solana', decimals: 9, chainId: null },
  ETH: { name: 'Ethereum mainnet', decimals: 18, chainId: 1 },
  MATIC: { name: 'Polygon PoS', decimals: 18, chainId: 137 },
  BNB: { name: 'BNB Smart Chain', decimals: 18, chainId: 56 },
}

/** The network's name for the payer, or null when the currency is not known. */
export function networkName(currency: Currency | null): string | null {
  return currency === null ? null : NETWORKS[currency].name
}

/** Whether the currency lives on an EVM chain (0x addresses and hashes). */
export function isEvm(currency: Currency): boolean {
  return NETWORKS[currency].chainId !== null
}
