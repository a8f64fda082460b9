/** The page's own words for each status: one heading and one sentence, in a payer's terms and language. */
import type { Translator } from '../core/i18n/translator'
import { confirmationEstimate, type ConfirmationEstimate } from '../core/payment/networks'
import type { PaymentStatus, StatusCode } from '../core/protocol/status'

export type DisplayCode = StatusCode | 'not_found'

/** The status heading, e.g. `Waiting for your payment`. */
export function statusTitle(code: DisplayCode, tr: Translator): string {
  return tr.t(`status.${code}`)
}

/** `10–60 minutes`, `about 3 minutes`, `under a minute`. */
export function estimateText(estimate: ConfirmationEstimate, tr: Translator): string {
  switch (estimate.kind) {
    case 'minutes_range':
      return tr.minutesRange(estimate.from, estimate.to)
    case 'about_minutes':
      return tr.t('estimate.about', { duration: tr.minutes(estimate.minutes) })
    case 'under_minute':
      return tr.t('estimate.under_minute')
  }
}

/** The sentence under the heading; `network` is e.g. `Polygon PoS`, or null when unknown. */
export function statusSentence(code: DisplayCode, s: PaymentStatus | null, network: string | null, tr: Translator): string {
  // The count itself is in the steps (Confirmed 1/2): the sentence says how long, per network.
  const estimate = s ? confirmationEstimate(s.currency, s.confirmationsRequired) : null
  const estimated = estimate && network ? { network, estimate: estimateText(estimate, tr) } : null
  switch (code) {
    case 'waiting_payment':
      return s?.amount && s.currency && network
        ? tr.t('sentence.waiting_exact', { amount: s.amount, currency: s.currency, network })
        : tr.t('sentence.waiting')
    case 'payment_detected':
      return estimated ? tr.t('sentence.detected_estimate', estimated) : tr.t('sentence.detected')
    case 'confirming':
      return estimated ? tr.t('sentence.confirming_estimate', estimated) : tr.t('sentence.confirming')
    default:
      return tr.t(`sentence.${code}`)
  }
}
