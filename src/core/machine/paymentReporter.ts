/**
 * Reports a sent payment: over the socket (`payment_sent`, then the server's answer) when one is
 * open, else, or when the socket does not answer in time, over HTTP (`verify-transaction`).
 */
import type { Clock } from '../clock'
import type { DiagnosticsSink } from '../eventLog'
import type { ClientMessage } from '../protocol/messages'
import { TX_HASH } from '../protocol/txHash'
import type { FetchLike } from '../transports/transport'
import { shorten } from '../format'
import type { PaymentSentResult } from './paymentSentResult'
import { PendingAnswer } from './pendingAnswer'
import { postVerifyTransaction } from './verifyTransaction'

/** How long a `payment_sent` waits for the socket's answer before trying HTTP. */
const PAYMENT_ACK_TIMEOUT_MS = 10000

export interface PaymentReport {
  channelId: string
  txHash: string
  /** Sends over the open socket; false when there is none. */
  send(message: ClientMessage): boolean
  /** Asks HTTP for the status now: the report may have changed it. */
  refresh(): void
}

export class PaymentReporter {
  private readonly answer: PendingAnswer<PaymentSentResult>

  constructor(
    clock: Clock,
    private readonly fetch: FetchLike,
    private readonly apiUrl: string,
    private readonly diagnostics: DiagnosticsSink,
  ) {
    this.answer = new PendingAnswer(clock)
  }

  /** The socket answered (`payment_verified`, `payment_sent_confirmed`, or an error frame). */
  settle(result: PaymentSentResult): void {
    this.answer.settle(result)
  }

  /** The socket is gone: a waiting report goes over HTTP instead. */
  abandon(): void {
    this.answer.settle(null)
  }

  async report(request: PaymentReport): Promise<PaymentSentResult> {
    const hash = request.txHash.trim().replace(/^0x/i, '')
    if (hash === '') {
      this.diagnostics.log('command', 'info', 'Payment reported as sent (no transaction hash): checking now')
      request.refresh()
      return { ok: true, via: 'http', message: 'Thanks. We are watching for your payment.' }
    }
    if (!TX_HASH.test(hash)) {
      return { ok: false, via: 'http', message: 'A transaction hash is 32 to 128 hexadecimal characters.' }
    }
    this.diagnostics.log('command', 'info', `Payment reported as sent, tx ${shorten(hash)}`)
    let result: PaymentSentResult | null = null
    if (request.send({ type: 'payment_sent', channelId: request.channelId, txHash: hash })) {
      result = await this.answer.wait(PAYMENT_ACK_TIMEOUT_MS, () =>
        this.diagnostics.log('command', 'warn', 'No answer to payment_sent over the socket: reporting over HTTP'),
      )
    }
    result ??= await postVerifyTransaction(this.fetch, this.apiUrl, { channelId: request.channelId, txHash: hash }, (level, message) =>
      this.diagnostics.log('command', level, message),
    )
    request.refresh()
    return result
  }
}
