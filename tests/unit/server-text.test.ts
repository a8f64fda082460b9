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
    expect(splitEmoji('a 👩‍💻 b ✅ c')).toEqual([
      { text: 'a ', emoji: false },
      { text: '👩‍💻', emoji: true },
      { text: ' b ', emoji: false },
      { text: '✅', emoji: true },
      { text: ' c', emoji: false },
    ])
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

  it('drops each known message in every form the server writes it: with or without its last stop, dots or memo clause', () => {
    const cases: [Parameters<typeof serverWordsWorthShowing>[0], string][] = [
      ['waiting_payment', 'Waiting for payment'],
      ['waiting_payment', 'Send 0.5 SOL to the address'],
      ['waiting_payment', 'Send 0.5 SOL to the address.'],
      ['waiting_payment', 'Send 12.5 MATIC to the address with the specified memo'],
      ['payment_detected', 'Payment detected'],
      ['payment_detected', 'Payment detected, waiting for confirmations.'],
      ['payment_detected', 'Transaction found: a1b2c3d4e5'],
      ['payment_detected', 'Transaction found: a1b2c3d4e5…'],
      // Polygon needs ten confirmations: two digits on each side.
      ['confirming', 'Confirming transaction (10/10)'],
      ['confirming', 'Waiting for network confirmations. This may take a few minutes'],
      ['creating_account', 'Payment confirmed! Generating your HIVE account'],
      ['completed', 'Account created successfully'],
      ['completed', 'Welcome to HIVE, @alice'],
      ['failed', 'Something went wrong. Please contact support'],
      ['expired', 'Payment window has closed. Please start a new payment'],
    ]
    for (const [code, words] of cases) {
      expect(serverWordsWorthShowing(code, [], [words]), words).toEqual([])
    }
  })

  it('shows a known message that says more, before or after it: that part is news', () => {
    const cases: [Parameters<typeof serverWordsWorthShowing>[0], string][] = [
      ['waiting_payment', 'Still waiting for payment'],
      ['waiting_payment', 'Waiting for payment from a second wallet'],
      ['waiting_payment', 'Please send 0.5 SOL to the address'],
      ['waiting_payment', 'Send 0.5 SOL to the address, not to the exchange'],
      ['payment_detected', 'Second payment detected'],
      ['payment_detected', 'Payment detected, waiting for confirmations. The amount is short by 0.0001 BTC'],
      ['payment_detected', 'Another transaction found: a1b2c3d4e5'],
      ['payment_detected', 'Transaction found: a1b2c3d4e5 (replaced by fee)'],
      ['confirming', 'Re-confirming transaction (1/2)'],
      ['confirming', 'Confirming transaction (1/2) after a reorganisation'],
      ['confirming', 'Still waiting for network confirmations. This may take a few minutes.'],
      ['confirming', 'Waiting for network confirmations. This may take a few minutes. The network is congested'],
      ['creating_account', 'Retry: creating HIVE account'],
      ['creating_account', 'Creating HIVE account failed once, retrying'],
      ['creating_account', 'Second payment confirmed! Generating your HIVE account'],
      ['creating_account', 'Payment confirmed! Generating your HIVE account. Keys are emailed'],
      ['completed', 'No account created successfully'],
      ['completed', 'Account created successfully! Keys sent to your email'],
      ['completed', 'Again: welcome to HIVE, @alice!'],
      ['completed', 'Welcome to HIVE, @alice! Your keys are below'],
      ['failed', 'Refund: account creation failed'],
      ['failed', 'Account creation failed: the name was taken'],
      ['failed', 'Sorry, something went wrong. Please contact support.'],
      ['failed', 'Something went wrong. Please contact support. Quote ref 4711'],
      ['expired', 'Refund issued: payment expired'],
      ['expired', 'Payment expired; a refund is on its way'],
      ['expired', 'Note: payment window has closed. Please start a new payment.'],
      ['expired', 'Payment window has closed. Please start a new payment. Funds sent late are refunded'],
      ['failed', 'Error: payment channel not found'],
      ['failed', 'Payment channel not found; it was removed after 24 hours'],
    ]
    for (const [code, words] of cases) {
      expect(serverWordsWorthShowing(code, [], [words]), words).toEqual([words])
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
