/** Block explorer pages for a payment's transaction, one explorer per network. */
import type { Currency } from '../protocol/messages'
import { TX_HASH } from '../protocol/txHash'
import { isEvm } from './networks'

const EXPLORER_TX: Readonly<Record<Currency, string>> = {
  BTC: 'https://mempool.space/tx/',
  ETH: 'https://etherscan.io/tx/',
  SOL: 'https://solscan.io/tx/',
  MATIC: 'https://polygonscan.com/tx/',
  BNB: 'https://bscscan.com/tx/',
}

/**
 * A Solana transaction is named by its signature: 64 bytes in base58, 64 to 88 characters. It is
 * not a hex hash, so the backend's hex rule cannot vouch for it.
 */
const SOLANA_SIGNATURE = /^[1-9A-HJ-NP-Za-km-z]{64,88}$/

/**
 * The explorer page of a transaction, or null when the id is not a transaction id of that network
 * (hex hash for Bitcoin and the EVM chains, base58 signature for Solana): a server string never
 * becomes a link it was not meant to be.
 */
export function explorerTxUrl(currency: Currency | null, txId: string): string | null {
  if (currency === null) return null
  if (currency === 'SOL') {
    return SOLANA_SIGNATURE.test(txId) ? EXPLORER_TX.SOL + txId : null
  }
  const bare = txId.replace(/^0x/i, '')
  if (!TX_HASH.test(bare)) return null
  // EVM explorers expect the 0x prefix; the backend stores hashes as bare hex.
  return EXPLORER_TX[currency] + (isEvm(currency) ? `0x${bare}` : bare)
}
