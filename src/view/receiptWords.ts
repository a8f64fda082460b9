/** The receipt's heading and labels in the payer's language (the receipt itself: src/core/payment/receipt.ts). */
import type { Translator } from '../core/i18n/translator'
import type { ReceiptWords } from '../core/payment/receipt'

export function receiptWords(tr: Translator): ReceiptWords {
  return {
    heading: tr.t('receipt.heading'),
    account: tr.t('receipt.account'),
    amount: tr.t('receipt.amount'),
    network: tr.t('receipt.network'),
    transaction: tr.t('receipt.transaction'),
    explorer: tr.t('receipt.explorer'),
    completed: tr.t('receipt.completed'),
    channel: tr.t('receipt.channel'),
  }
}
