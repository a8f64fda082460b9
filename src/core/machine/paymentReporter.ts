/**
 * Reports a sent payment: over the socket (`payment_sent`, then the server's answer) when one is
 * open, else, or when the socket does not answer in time, over HTTP (`verify-transaction`).
 */
import { SingleTimer, type Clock } from '../clock'
import type { DiagnosticsSink } from '../eventLog'
import type { ClientMessage } from '../protocol/messages'
import { TX_HASH } from '../protocol/txHash'
import type { FetchLike } from '../transports/transport'
import { shorten } from '../format'
import type { PaymentSentResult } from './paymentSentResult'
import { PendingAnswer } from './pendingAnswer'
import { NOT_REACHED, postVerifyTransaction } from './verifyTransaction'

/** How long a `payment_sent` waits for the socket's answer before trying HTTP. */
const PAYMENT_ACK_TIMEOUT_MS = 10000
/** A verify-transaction POST without an answer by then is abandoned (a dead mobile connection). */
export const VERIFY_TIMEOUT_MS = 8000

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
  /** POSTs on their way; `stop()` aborts them. */
  private readonly posts = new Set<AbortController>()
  /** Counts `stop()`s: a report that began before the last one is over. */
  private generation = 0

  constructor(
    private readonly clock: Clock,
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

  /** Monitoring ends: a report still waiting for the socket sends nothing more, and a POST on its way is aborted. */
  stop(): void {
    this.generation += 1
    this.answer.settle(null)
    for (const post of this.posts) post.abort()
    this.posts.clear()
  }

  async report(request: PaymentReport): Promise<PaymentSentResult> {
    const hash = request.txHash.trim().replace(/^0x/i, '')
    if (hash === '') {
      this.diagnostics.log('command', 'info', 'Payment reported as sent (no transaction hash): checking now')
      request.refresh()
      return { ok: true, via: 'http', message: 'Thanks. We are watching for your payment.', note: 'watching' }
    }
    if (!TX_HASH.test(hash)) {
      return { ok: false, via: 'http', message: 'A transaction hash is 32 to 128 hexadecimal characters.', note: 'bad_length' }
    }
    this.diagnostics.log('command', 'info', `Payment reported as sent, tx ${shorten(hash)}`)
    const generation = this.generation
    let result: PaymentSentResult | null = null
    if (request.send({ type: 'payment_sent', channelId: request.channelId, txHash: hash })) {
      result = await this.answer.wait(PAYMENT_ACK_TIMEOUT_MS, () =>
        this.diagnostics.log('command', 'warn', 'No answer to payment_sent over the socket: reporting over HTTP'),
      )
    }
    if (result === null && generation !== this.generation) return { ok: false, via: 'http', message: NOT_REACHED, note: 'not_reached' }
    result ??= await this.post({ channelId: request.channelId, txHash: hash })
    if (generation === this.generation) request.refresh()
    return result
  }

  /** The HTTP report, abandoned after `VERIFY_TIMEOUT_MS` or at `stop()`: the form never waits forever. */
  private async post(body: { channelId: string; txHash: string }): Promise<PaymentSentResult> {
    const controller = new AbortController()
    const timeout = new SingleTimer(this.clock)
    this.posts.add(controller)
    timeout.schedule(VERIFY_TIMEOUT_MS, () => controller.abort())
    try {
      return await postVerifyTransaction(this.fetch, this.apiUrl, body, (level, message) => this.diagnostics.log('command', level, message), controller.signal)
    } finally {
      timeout.cancel()
      this.posts.delete(controller)
    }
  }
}
