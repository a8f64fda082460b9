/** The transaction hash a payer may report: what the backend accepts (32 to 128 hex characters). */

export type TxHashCheck = { ok: true; txHash: string } | { ok: false; message: string }

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
    return { ok: false, message: 'A transaction hash uses only the digits 0–9 and letters a–f.' }
  }
  if (!TX_HASH.test(bare)) {
    return { ok: false, message: 'A transaction hash has 32 to 128 hex characters. Check that you copied all of it.' }
  }
  return { ok: true, txHash: bare }
}
