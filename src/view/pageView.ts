/** Everything the payment page shows, from one snapshot: the card, the badge, the announcements, the tab title. */
import type { Translator } from '../core/i18n/translator'
import type { MonitorSnapshot } from '../core/machine/snapshot'
import { connectionView, type ConnectionInput, type ConnectionView } from './connectionView'
import { paymentView, type PaymentView } from './paymentView'

export interface PageView {
  payment: PaymentView
  connection: ConnectionView
  /** For the status live region: no ticking numbers, said once per change. */
  statusAnnouncement: string
  /** The tab title: the status, and "Paid" once the account exists, so a background tab tells. */
  documentTitle: string
  /** True once the payment is complete: the tab's icon turns to "paid". */
  paid: boolean
  /** What the completion notification says. */
  completionMessage: string
  /** The completion notification's title. */
  completionTitle: string
}

export type PageInput = Pick<MonitorSnapshot, 'status' | 'notFound'> & ConnectionInput

export function pageView(snapshot: PageInput, now: number, tr: Translator): PageView {
  const payment = paymentView(snapshot, tr)
  const connection = connectionView(snapshot, payment.stopped, now, tr)
  const paid = payment.code === 'completed'
  let statusAnnouncement = ''
  if (payment.code) {
    statusAnnouncement = tr.t('page.status_said', { status: payment.title })
    if (payment.code === 'confirming' && payment.confirmationsText) statusAnnouncement += ` ${tr.t('page.confirmations_said', { count: payment.confirmationsText })}`
  }
  let documentTitle = tr.t('page.title')
  if (paid) documentTitle = tr.t('page.title_paid')
  else if (payment.code) documentTitle = tr.t('page.title_status', { status: payment.title })
  const username = payment.status?.username
  const completionMessage = username ? tr.t('alert.ready_account', { account: `@${username}` }) : tr.t('alert.ready')
  return { payment, connection, statusAnnouncement, documentTitle, paid, completionMessage, completionTitle: tr.t('alert.title') }
}
