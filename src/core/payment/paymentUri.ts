/**
 * The payment link a wallet opens, and the QR code carries: BIP 21 for Bitcoin, Solana Pay for
 * Solana, EIP-681 for the EVM chains, each with the exact amount.
 */
import type { Currency } from '../protocol/messages'
import { fromBaseUnits, toBaseUnits } from './amount'
import { NETWORKS } from './networks'

/** Address shapes a URI may carry; anything else (a hostile server string) gets no link. */
const ADDRESS: Readonly<Record<Currency, RegExp>> = {
  // Base58 (1…, 3…) and bech32 (bc1…) addresses.
  BTC: /^(?:[13][1-9A-HJ-NP-Za-km-z]{25,34}|bc1[02-9ac-hj-np-z]{11,87}|BC1[02-9AC-HJ-NP-Z]{11,87})$/,
  SOL: /^[1-9A-HJ-NP-Za-km-z]{32,44}$/,
  ETH: /^0x[0-9a-fA-F]{40}$/,
  MATIC: /^0x[0-9a-fA-F]{40}$/,
  BNB: /^0x[0-9a-fA-F]{40}$/,
}

export function isPayableAddress(currency: Currency, address: string): boolean {
  return ADDRESS[currency].test(address)
}

/**
 * The wallet URI for paying `amount` of `currency` to `address`, or null when the address does not
 * look like one of that network (then the page offers the bare address only).
 *
 * - BIP 21: `bitcoin:<address>?amount=<BTC as decimal>`
 * - Solana Pay: `solana:<address>?amount=<SOL as decimal>` (no exponent, leading 0 before the point)
 * - EIP-681: `ethereum:<address>@<chain id>?value=<integer wei>`; the chain id keeps a wallet from
 *   paying a Polygon or BNB Smart Chain request on Ethereum mainnet.
 *
 * An amount that cannot be expressed exactly in the network's unit is left out rather than rounded.
 */
export function paymentUri(currency: Currency | null, address: string, amount: string | null): string | null {
  if (currency === null || !isPayableAddress(currency, address)) return null
  const { decimals, chainId } = NETWORKS[currency]
  const units = amount === null ? null : toBaseUnits(amount, decimals)
  if (chainId !== null) {
    return `ethereum:${address}@${chainId}${units === null ? '' : `?value=${units.toString()}`}`
  }
  const query = units === null ? '' : `?amount=${fromBaseUnits(units, decimals)}`
  return `${currency === 'BTC' ? 'bitcoin' : 'solana'}:${address}${query}`
}
