/** Outcome of reporting a sent payment (`payment_sent` frame or verify-transaction POST). */
export interface PaymentSentResult {
  ok: boolean
  via: 'websocket' | 'http'
  /** Server's words or ours (in English, for the log); plain text. */
  message: string
  /**
   * Set when the words are the page's own rather than the server's: which of them, so the page can
   * say it in the payer's language. Absent: `message` is what the server said.
   */
  note?: PaymentSentNote
}

export type PaymentSentNote = 'watching' | 'reported' | 'refused' | 'not_reached' | 'bad_length'
