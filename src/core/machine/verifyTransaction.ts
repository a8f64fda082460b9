/** `POST /api/onboarding/payment/verify-transaction`: reports a sent payment over HTTP. */
import { API_PATHS } from '../protocol/messages'
import { parseApiMessage } from '../protocol/bodies'
import type { FetchLike } from '../transports/transport'
import type { PaymentSentResult } from './paymentSentResult'

/** What a report that could not be delivered tells the payer: the payment is watched either way. */
export const NOT_REACHED = 'Could not reach the server. Your payment is still being watched.'

/** `signal` aborts the request: its owner's timeout, or the end of monitoring. */
export async function postVerifyTransaction(
  fetch: FetchLike,
  apiUrl: string,
  body: { channelId: string; txHash: string },
  log: (level: 'info' | 'warn', message: string) => void,
  signal: AbortSignal,
): Promise<PaymentSentResult> {
  try {
    const response = await fetch(apiUrl + API_PATHS.verifyTransaction, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
      signal,
    })
    const answer = parseApiMessage(await response.text())
    const ok = response.status >= 200 && response.status < 300 && answer?.success !== false
    log(ok ? 'info' : 'warn', `verify-transaction: HTTP ${response.status}`)
    if (typeof answer?.message === 'string') return { ok, via: 'http', message: answer.message.slice(0, 300) }
    return ok ? { ok, via: 'http', message: 'Payment reported.', note: 'reported' } : { ok, via: 'http', message: `The server answered HTTP ${response.status}.`, note: 'refused' }
  } catch (error) {
    log('warn', signal.aborted ? 'verify-transaction: no answer in time, or monitoring stopped' : `verify-transaction failed: ${String(error).slice(0, 200)}`)
    return { ok: false, via: 'http', message: NOT_REACHED, note: 'not_reached' }
  }
}
