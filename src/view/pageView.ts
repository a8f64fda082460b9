/** Everything the payment page shows, from one snapshot: the card, the badge, the announcements, the tab title. */
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
}

export type PageInput = Pick<MonitorSnapshot, 'status' | 'notFound'> & ConnectionInput

export function pageView(snapshot: PageInput, now: number): PageView {
  const payment = paymentView(snapshot)
  const connection = connectionView(snapshot, payment.stopped, now)
  const paid = payment.code === 'completed'
  let statusAnnouncement = ''
  if (payment.code) {
    const confirmations = payment.code === 'confirming' && payment.confirmationsText ? ` ${payment.confirmationsText} confirmations.` : ''
    statusAnnouncement = `Payment status: ${payment.title}.${confirmations}`
  }
  let documentTitle = 'DLUX payment monitor'
  if (paid) documentTitle = 'Paid · Account created · DLUX payment'
  else if (payment.code) documentTitle = `${payment.title} · DLUX payment`
  const username = payment.status?.username
  const completionMessage = username ? `@${username} is ready on HIVE.` : 'Your HIVE account is ready.'
  return { payment, connection, statusAnnouncement, documentTitle, paid, completionMessage }
}
