/** The payment receipt as plain text, for the payer to copy and keep. */

export interface ReceiptFacts {
  username: string | null
  /** `0.00123456` */
  amount: string | null
  currency: string | null
  /** `Bitcoin`, `Polygon PoS`… */
  network: string | null
  txHash: string | null
  explorerUrl: string | null
  /** When the account was created, epoch ms by the server's clock (the browser's, corrected), or null. */
  completedAt: number | null
  channelId: string | null
}

export function receiptText(r: ReceiptFacts): string {
  const lines = ['DLUX HIVE account payment: receipt']
  const add = (label: string, value: string | null) => {
    if (value !== null && value !== '') lines.push(`${label}: ${value}`)
  }
  add('Account', r.username ? `@${r.username}` : null)
  add('Amount', r.amount ? `${r.amount}${r.currency ? ` ${r.currency}` : ''}` : null)
  add('Network', r.network)
  add('Transaction', r.txHash)
  add('Explorer', r.explorerUrl)
  add('Completed', r.completedAt === null ? null : new Date(r.completedAt).toISOString())
  add('Payment channel', r.channelId)
  return lines.join('\n')
}
