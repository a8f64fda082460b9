/** The status codes in words a person paying understands. */
import type { StatusCode } from '../../core/protocol/status'

export type DisplayCode = StatusCode | 'not_found'

export const STATUS_TITLES: Readonly<Record<DisplayCode, string>> = {
  waiting_payment: 'Waiting for your payment',
  payment_detected: 'Payment detected',
  confirming: 'Confirming on the blockchain',
  creating_account: 'Creating your HIVE account',
  completed: 'Account created',
  failed: 'Payment failed',
  expired: 'Payment window expired',
  unknown: 'Checking the payment status',
  not_found: 'Payment channel not found',
}

/** What is going on, when the server sent no words of its own. */
export const STATUS_HELP: Readonly<Record<DisplayCode, string>> = {
  waiting_payment: 'Send the exact amount to the address below. This page updates by itself.',
  payment_detected: 'Your transaction was seen on the network and now waits for confirmations.',
  confirming: 'The network is confirming your transaction. This usually takes a few minutes.',
  creating_account: 'Your payment is confirmed. Your HIVE account is being created.',
  completed: 'Your HIVE account is ready.',
  failed: 'The payment could not be completed.',
  expired: 'No payment arrived before the payment window closed.',
  unknown: 'The server sent a status this page does not know yet.',
  not_found: 'No payment channel has this ID.',
}
