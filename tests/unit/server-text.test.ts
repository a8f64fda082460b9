import { describe, expect, it } from 'vitest'
import { serverWordsWorthShowing, splitEmoji } from '../../src/core/payment/serverText'

describe('emoji in server text', () => {
  it('splits emoji (with variation selectors and joiners) from the words', () => {
    expect(splitEmoji('💳 Waiting for payment')).toEqual([
      { text: '💳', emoji: true },
      { text: ' Waiting for payment', emoji: false },
    ])
    expect(splitEmoji('⚙️ Creating')).toEqual([
      { text: '⚙️', emoji: true },
      { text: ' Creating', emoji: false },
    ])
    expect(splitEmoji('a 👩‍💻 b').map((p) => p.emoji)).toEqual([false, true, false])
    expect(splitEmoji('no emoji, 2 of 3 (ok)')).toEqual([{ text: 'no emoji, 2 of 3 (ok)', emoji: false }])
    expect(splitEmoji('')).toEqual([])
  })
})

describe("the server's words next to the page's", () => {
  it("drops what the production server says that the page already says", () => {
    const cases: [Parameters<typeof serverWordsWorthShowing>[0], string, string][] = [
      ['waiting_payment', '💳 Waiting for payment', 'Send 0.00123456 BTC to the address with the specified memo.'],
      ['payment_detected', '🔍 Payment detected, waiting for confirmations', 'Transaction found: a1b2c3d4e5...'],
      ['confirming', '⏳ Confirming transaction (1/2)', 'Waiting for network confirmations. This may take a few minutes.'],
      ['creating_account', '⚙️ Creating HIVE account', 'Payment confirmed! Generating your HIVE account...'],
      ['completed', '🎉 Account created successfully!', 'Welcome to HIVE, @alice!'],
      ['failed', '❌ Account creation failed', 'Something went wrong. Please contact support.'],
      ['expired', '⏰ Payment expired', 'Payment window has closed. Please start a new payment.'],
    ]
    for (const [code, message, details] of cases) {
      expect(serverWordsWorthShowing(code, ['Own title', 'Own sentence.'], [message, details]), code).toEqual([])
    }
  })

  it('keeps words that add something, once, and drops empty ones', () => {
    expect(serverWordsWorthShowing('failed', ['Payment failed'], ['Refund sent to the sender', '', 'Refund sent to the sender'])).toEqual([
      'Refund sent to the sender',
    ])
  })

  it("drops the server's words when they repeat the page's, emoji and case aside", () => {
    expect(serverWordsWorthShowing('confirming', ['Confirming your payment'], ['✅ confirming YOUR payment'])).toEqual([])
  })

  it('shows everything for a status the page does not know', () => {
    expect(serverWordsWorthShowing('unknown', ['Checking'], ['Payment expired'])).toEqual(['Payment expired'])
  })

  it('keeps hostile strings as they are (they render as text)', () => {
    const hostile = '<img src=x onerror="window.__pwned=1">'
    expect(serverWordsWorthShowing('waiting_payment', [], [hostile])).toEqual([hostile])
  })
})
