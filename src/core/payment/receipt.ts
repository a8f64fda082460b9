/** The payment receipt as plain text, for the payer to copy and keep, in the page's language. */

export interface ReceiptFacts {
  username: string | null
  /** `0.00123456` */
  amount: string | null
  currency: string | null
  /** `Bitcoin`, `Polygon PoS`… */
  network: string | null
  txHash: string | null
  explorerUrl: string | null
  /** When the account was created, already written out for the payer (by the server's clock), or null. */
  completed: string | null
  channelId: string | null
}

/** The receipt's heading and labels, in the payer's language. */
export interface ReceiptWords {
  heading: string
  account: string
  amount: string
  network: string
  transaction: string
  explorer: string
  completed: string
  channel: string
}

/** Amount, hash and ids go in exactly as they are: a receipt proves what was sent. */
export function receiptText(r: ReceiptFacts, words: ReceiptWords): string {
  const lines = [words.heading]
  const add = (label: string, value: string | null) => {
    if (value !== null && value !== '') lines.push(`${label}: ${value}`)
  }
  add(words.account, r.username ? `@${r.username}` : null)
  add(words.amount, r.amount ? `${r.amount}${r.currency ? ` ${r.currency}` : ''}` : null)
  add(words.network, r.network)
  add(words.transaction, r.txHash)
  add(words.explorer, r.explorerUrl)
  add(words.completed, r.completed)
  add(words.channel, r.channelId)
  return lines.join('\n')
}
