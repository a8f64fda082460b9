/** The transaction hash a payer may report: what the backend accepts (32 to 128 hex characters). */

/** Why a hash is refused; the page says it in the payer's language. */
export type TxHashProblem = 'bad_characters' | 'bad_length'

export type TxHashCheck = { ok: true; txHash: string } | { ok: false; problem: TxHashProblem }

/** The backend's rule for `txHash` on `payment_sent` and `verify-transaction`. */
export const TX_HASH = /^[0-9a-fA-F]{32,128}$/

/**
 * Empty is fine (the hash is optional). A `0x` prefix, as EVM wallets show it, is accepted and
 * removed: the backend's rule is hex only, so sending it would get a 400.
 */
export function checkTxHash(raw: string): TxHashCheck {
  const value = raw.trim()
  if (value === '') return { ok: true, txHash: '' }
  const bare = /^0x/i.test(value) ? value.slice(2) : value
  if (!/^[0-9a-fA-F]*$/.test(bare)) {
    return { ok: false, problem: 'bad_characters' }
  }
  if (!TX_HASH.test(bare)) {
    return { ok: false, problem: 'bad_length' }
  }
  return { ok: true, txHash: bare }
}
