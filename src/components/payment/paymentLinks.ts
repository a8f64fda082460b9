/** Block explorer links and wallet payment URIs for the monitored currencies. */
import type { Currency } from '../../core/protocol/messages'

const EXPLORER_TX: Readonly<Record<Currency, string>> = {
  BTC: 'https://mempool.space/tx/',
  ETH: 'https://etherscan.io/tx/',
  SOL: 'https://solscan.io/tx/',
  MATIC: 'https://polygonscan.com/tx/',
  BNB: 'https://bscscan.com/tx/',
}

const EVM: ReadonlySet<Currency> = new Set(['ETH', 'MATIC', 'BNB'])

/** Hashes and signatures are letters and digits (hex, base58), with an optional 0x. */
const TX_HASH = /^(?:0x)?[A-Za-z0-9]{16,128}$/

/** The explorer page of a transaction, or null for a currency or hash we cannot link safely. */
export function explorerTxUrl(currency: Currency | null, txHash: string): string | null {
  if (currency === null || !TX_HASH.test(txHash)) return null
  // EVM explorers expect the 0x prefix; the backend stores hashes as bare hex.
  const hash = EVM.has(currency) && !txHash.startsWith('0x') ? `0x${txHash}` : txHash
  return EXPLORER_TX[currency] + encodeURIComponent(hash)
}

const DECIMAL = /^\d+(?:\.\d+)?$/
const ADDRESS = /^[A-Za-z0-9:]{16,128}$/

/**
 * What the QR code holds: a payment URI where the currency has a widely supported one (BIP 21 for
 * BTC, EIP-681 for ETH without an amount because it would be in wei, Solana Pay for SOL), else the
 * bare address. MATIC and BNB get the bare address on purpose: a wallet that ignores an EIP-681
 * chain id would offer to pay on Ethereum mainnet.
 */
export function paymentUri(currency: Currency | null, address: string, amount: string | null): string {
  if (!ADDRESS.test(address)) return address
  const amountParam = amount !== null && DECIMAL.test(amount) ? `?amount=${amount}` : ''
  switch (currency) {
    case 'BTC':
      return `bitcoin:${address}${amountParam}`
    case 'ETH':
      return `ethereum:${address}`
    case 'SOL':
      return `solana:${address}${amountParam}`
    default:
      return address
  }
}
