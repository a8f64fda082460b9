/** The page's own words for each status: one heading and one sentence, in a payer's terms. */
import { confirmationEstimate } from '../core/payment/networks'
import type { PaymentStatus, StatusCode } from '../core/protocol/status'

export type DisplayCode = StatusCode | 'not_found'

export const STATUS_TITLES: Readonly<Record<DisplayCode, string>> = {
  waiting_payment: 'Waiting for your payment',
  payment_detected: 'Payment detected',
  confirming: 'Confirming your payment',
  creating_account: 'Creating your account',
  completed: 'Account created',
  failed: 'Payment failed',
  expired: 'Payment window expired',
  unknown: 'Checking the payment status',
  not_found: 'Payment channel not found',
}

/** The sentence under the heading; `network` is e.g. `Polygon PoS`, or null when unknown. */
export function statusSentence(code: DisplayCode, s: PaymentStatus | null, network: string | null): string {
  const on = network ? ` on ${network}` : ''
  // The count itself is in the steps (Confirmed 1/2): the sentence says how long, per network.
  const estimate = s ? confirmationEstimate(s.currency, s.confirmationsRequired) : null
  switch (code) {
    case 'waiting_payment':
      return s?.amount && s.currency
        ? `Send exactly ${s.amount} ${s.currency}${on} to the address below. This page updates by itself.`
        : 'Send the payment to the address below. This page updates by itself.'
    case 'payment_detected':
      return estimate
        ? `Your payment was seen${on}. Do not send it again. Confirming it usually takes ${estimate}.`
        : `Your payment was seen${on}. Do not send it again: it now waits for confirmations.`
    case 'confirming':
      return estimate
        ? `The network is confirming your payment${on}. This usually takes ${estimate} in all.`
        : `The network is confirming your payment${on}.`
    case 'creating_account':
      return 'Your payment is confirmed. Your HIVE account is being created.'
    case 'completed':
      return 'Your payment is complete and your HIVE account is ready.'
    case 'failed':
      return 'The account could not be created. Please do not send the payment again.'
    case 'expired':
      return 'No payment arrived before the payment window closed. This address no longer takes payments.'
    case 'unknown':
      return 'The server sent a status this page does not know yet. It keeps checking.'
    case 'not_found':
      return 'No payment has this channel ID. Check that the link is complete.'
  }
  return ''
}
