/** Outcome of reporting a sent payment (`payment_sent` frame or verify-transaction POST). */
export interface PaymentSentResult {
  ok: boolean
  via: 'websocket' | 'http'
  /** Server's words or ours; plain text. */
  message: string
}
