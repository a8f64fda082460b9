/** `POST /api/onboarding/payment/verify-transaction`: reports a sent payment over HTTP. */
import { API_PATHS } from '../protocol/messages'
import { parseApiMessage } from '../protocol/parse'
import type { FetchLike } from '../transports/transport'
import type { PaymentSentResult } from './paymentSentResult'

export async function postVerifyTransaction(
  fetch: FetchLike,
  apiUrl: string,
  body: { channelId: string; txHash: string },
  log: (level: 'info' | 'warn', message: string) => void,
): Promise<PaymentSentResult> {
  try {
    const response = await fetch(apiUrl + API_PATHS.verifyTransaction, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    })
    const answer = parseApiMessage(await response.text())
    const ok = response.status >= 200 && response.status < 300 && answer?.success !== false
    const message = answer?.message ?? (ok ? 'Payment reported.' : `The server answered HTTP ${response.status}.`)
    log(ok ? 'info' : 'warn', `verify-transaction: HTTP ${response.status}`)
    return { ok, via: 'http', message: message.slice(0, 300) }
  } catch (error) {
    log('warn', `verify-transaction failed: ${String(error).slice(0, 200)}`)
    return { ok: false, via: 'http', message: 'Could not reach the server. Your payment is still being watched.' }
  }
}
