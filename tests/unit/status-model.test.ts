import { describe, expect, it } from 'vitest'
import type { PollChannel, StatusUpdateMessage } from '../../src/core/protocol/messages'
import { formatAmount, parseTime, statusFromFrame, statusFromPoll, withConsistentCount } from '../../src/core/protocol/status'
import { pollBody, statusFrame } from '../support/channel'

const frame = (status: string, extra: Record<string, unknown> = {}, channel: Record<string, unknown> = {}) =>
  statusFrame(status, extra, channel) as unknown as StatusUpdateMessage
const poll = (status: string, channel: Record<string, unknown> = {}) => pollBody(status, channel).channel as unknown as PollChannel

describe('one status vocabulary (the table in docs/protocol.md)', () => {
  it.each([
    ['pending', {}, 'waiting_payment', 20],
    ['pending', { txHash: 'ab'.repeat(32) }, 'payment_detected', 40],
    ['pending', { isExpired: true }, 'expired', 0],
    ['confirming', { confirmations: 1, confirmationsRequired: 2 }, 'confirming', 55],
    ['confirmed', {}, 'creating_account', 80],
    ['completed', {}, 'completed', 100],
    ['failed', {}, 'failed', 0],
    ['refunded', {}, 'unknown', 0],
  ])('poll status %s %j → %s at %i%%', (stored, channel, code, progress) => {
    const status = statusFromPoll(poll(stored, channel), null)
    expect(status.code).toBe(code)
    expect(status.progress).toBe(progress)
    expect(status.source).toBe('poll')
  })

  it.each([
    ['waiting_payment', 20],
    ['payment_detected', 40],
    ['creating_account', 80],
    ['completed', 100],
    ['failed', 0],
    ['expired', 0],
    ['something_new', 0],
  ])('frame status %s maps to its table progress when the server sends none', (code, progress) => {
    const status = statusFromFrame(frame(code))
    expect(status.code).toBe(code === 'something_new' ? 'unknown' : code)
    expect(status.progress).toBe(progress)
  })

  it('computes confirming progress from the currency’s required confirmations', () => {
    const status = statusFromFrame(frame('confirming', {}, { cryptoType: 'MATIC', confirmations: 5 }))
    expect(status.confirmationsRequired).toBe(10)
    expect(status.progress).toBe(55)
  })

  it('prefers the server’s progress when it is a number from 0 to 100', () => {
    expect(statusFromFrame(frame('confirming', { progress: 62 })).progress).toBe(62)
  })

  it('fills the UI model from a frame', () => {
    const status = statusFromFrame(frame('waiting_payment', { timestamp: '2026-11-25T12:00:01.000Z' }))
    expect(status).toMatchObject({
      amount: '0.0012',
      currency: 'BTC',
      address: 'bc1qexampleaddress0000000000000000000000',
      username: 'alice',
      expiresAt: Date.parse('2026-11-26T12:00:00.000Z'),
      serverTime: Date.parse('2026-11-25T12:00:01.000Z'),
      txHash: null,
      memo: null,
    })
  })

  it('does not show the currency twice when the poll’s amount already names it', () => {
    expect(statusFromPoll(poll('pending', { amountFormatted: '0.5 SOL', cryptoType: 'SOL' }), null).amount).toBe('0.5')
  })

  it('leaves out what it cannot read rather than showing it half-read', () => {
    const status = statusFromFrame(frame('waiting_payment', { timestamp: 'yesterday' }, { expiresAt: '', address: '', username: '', txHash: '' }))
    expect(status).toMatchObject({ serverTime: null, expiresAt: null, address: null, username: null, txHash: null })
    expect(statusFromFrame(frame('waiting_payment', {}, { expiresAt: 'soon' })).expiresAt).toBeNull()
    expect(statusFromFrame(frame('waiting_payment', {}, { cryptoType: 'toString' })).currency).toBeNull()
  })

  it('reads only ISO text as a time', () => {
    expect(parseTime('2026-11-30T06:00:00.000Z')).toBe(Date.parse('2026-11-30T06:00:00.000Z'))
    for (const value of [2005, 1764482400000, '', null, undefined, {}]) expect(parseTime(value), String(value)).toBeNull()
  })

  it('fills what a frame or a poll leaves out with empty text or null, never undefined', () => {
    const bare = { type: 'status_update', channelId: 'c', status: 'waiting_payment' } as StatusUpdateMessage
    expect(statusFromFrame(bare)).toEqual({
      code: 'waiting_payment',
      message: '',
      details: '',
      progress: 20,
      confirmations: null,
      confirmationsRequired: null,
      amount: null,
      currency: null,
      amountUsd: null,
      address: null,
      memo: null,
      txHash: null,
      expiresAt: null,
      username: null,
      serverTime: null,
      serverTimeRange: null,
      source: 'websocket',
    })
    const minimal = statusFromPoll({ channelId: 'c', status: 'pending' }, 1234)
    expect(minimal).toMatchObject({ code: 'waiting_payment', message: '', details: '', amount: null, address: null, serverTime: 1234, source: 'poll' })
  })

  it('maps a frame status it does not know, even an empty one, to unknown', () => {
    expect(statusFromFrame(frame('')).code).toBe('unknown')
    expect(statusFromFrame(frame('unknown')).code).toBe('unknown')
  })

  it('leaves an unsupported currency out rather than guessing', () => {
    expect(statusFromFrame(frame('waiting_payment', {}, { cryptoType: 'XMR' })).currency).toBeNull()
  })

  it('formats amounts without float noise or exponents', () => {
    expect(formatAmount(0.1 + 0.2)).toBe('0.3')
    expect(formatAmount(1e-7)).toBe('0.0000001')
    expect(formatAmount(2)).toBe('2')
  })
})

describe('numbers stay sane whatever reaches the model', () => {
  // The parser drops these already; the model must hold on its own for any caller that skips it.
  it.each([
    ['negative', -1],
    ['fractional', 1.5],
    ['NaN', Number.NaN],
    ['infinite', Number.POSITIVE_INFINITY],
  ])('treats a %s confirmation count as unknown', (_name, confirmations) => {
    const status = statusFromFrame(frame('confirming', { progress: undefined }, { confirmations }))
    expect(status.confirmations).toBeNull()
    expect(status.progress).toBe(40)
  })

  it('counts zero confirmations as a count', () => {
    expect(statusFromFrame(frame('confirming', {}, { confirmations: 0 })).confirmations).toBe(0)
  })

  it.each([
    ['negative', -5],
    ['above 100', 100.5],
    ['NaN', Number.NaN],
    ['infinite', Number.POSITIVE_INFINITY],
  ])('uses the table instead of a %s server progress', (_name, progress) => {
    expect(statusFromFrame(frame('payment_detected', { progress })).progress).toBe(40)
  })

  it('keeps the ends of the progress range and rounds to a whole percent', () => {
    expect(statusFromFrame(frame('waiting_payment', { progress: 0 })).progress).toBe(0)
    expect(statusFromFrame(frame('completed', { progress: 100 })).progress).toBe(100)
    // 40 + (2 / 3) * 30 as the server computes it for BNB.
    expect(statusFromPoll(poll('confirming', { progress: 40 + (2 / 3) * 30, cryptoType: 'BNB', confirmations: 2 }), null).progress).toBe(60)
    expect(statusFromFrame(frame('confirming', { progress: 62.5 })).progress).toBe(63)
  })

  it.each([
    ['zero', 0],
    ['negative', -2],
    ['fractional', 1.5],
    ['NaN', Number.NaN],
  ])('falls back to the currency table for a %s required count from the poll', (_name, confirmationsRequired) => {
    const status = statusFromPoll(poll('confirming', { confirmationsRequired, cryptoType: 'BNB', confirmations: 1 }), null)
    expect(status.confirmationsRequired).toBe(3)
    expect(status.progress).toBe(50)
  })

  it('takes a required count of one from the poll (SOL needs one)', () => {
    const status = statusFromPoll(poll('confirming', { confirmationsRequired: 1, cryptoType: 'BNB', confirmations: 0 }), null)
    expect(status.confirmationsRequired).toBe(1)
    expect(status.progress).toBe(40)
  })

  it('never puts confirming past 70 % when the chain counts beyond what is required', () => {
    expect(statusFromFrame(frame('confirming', {}, { cryptoType: 'MATIC', confirmations: 15 })).progress).toBe(70)
  })

  it('ignores a progress that is not a number at all', () => {
    const wrong = { ...frame('payment_detected'), progress: '90' } as unknown as StatusUpdateMessage
    expect(statusFromFrame(wrong).progress).toBe(40)
  })

  it('has no required count for a currency it does not know, and a neutral confirming progress', () => {
    const status = statusFromPoll(poll('confirming', { confirmationsRequired: undefined, cryptoType: 'XMR', confirmations: 3 }), null)
    expect(status.confirmationsRequired).toBeNull()
    expect(status.progress).toBe(40)
  })

  it.each([
    ['negative', -0.5],
    ['zero', 0],
    ['NaN', Number.NaN],
    ['infinite', Number.POSITIVE_INFINITY],
  ])('shows no amount rather than a %s one from a frame', (_name, amount) => {
    const status = statusFromFrame(frame('waiting_payment', {}, { amountCrypto: amount, amountUsd: amount }))
    expect(status.amount).toBeNull()
    expect(status.amountUsd).toBeNull()
  })

  it('shows no amount that would need an exponent to write', () => {
    expect(statusFromFrame(frame('waiting_payment', {}, { amountCrypto: 1e21 })).amount).toBeNull()
  })

  it.each(['-0.5 BTC', '-0.5', 'abc', '1e-7', '0.000000 BTC', '', '0x10', '.5', '1.', '007', '00.5', '1.5.2', ' 1.5', '1,5'])(
    'shows no amount rather than the poll’s %j',
    (amountFormatted) => {
      expect(statusFromPoll(poll('pending', { amountFormatted }), null).amount).toBeNull()
    },
  )

  it('keeps a well-formed amount and a positive dollar value', () => {
    expect(statusFromPoll(poll('pending', { amountFormatted: '0.00123456 BTC' }), null).amount).toBe('0.00123456')
    expect(statusFromPoll(poll('pending', { amountFormatted: '12' }), null).amount).toBe('12')
    expect(statusFromPoll(poll('pending', { amountFormatted: '100.05 BTC' }), null).amount).toBe('100.05')
    expect(statusFromPoll(poll('pending', { amountFormatted: '0.5' }), null).amount).toBe('0.5')
    expect(statusFromFrame(frame('waiting_payment', {}, { amountCrypto: 0.5, amountUsd: 80.25 }))).toMatchObject({ amount: '0.5', amountUsd: 80.25 })
  })
})

describe('the card never contradicts itself', () => {
  it('rewrites the socket’s "(1/1)" for BTC to the count the card shows', () => {
    // api/wsmonitor.js divides by its own table (BTC 1); the REST route and our table say 2.
    const status = statusFromFrame(
      frame('confirming', { message: '⏳ Confirming transaction (1/1)', progress: 70 }, { cryptoType: 'BTC', confirmations: 1 }),
    )
    expect(status).toMatchObject({ confirmations: 1, confirmationsRequired: 2, message: '⏳ Confirming transaction (1/2)', progress: 70 })
  })

  it('leaves a message without a count, or a count it cannot check, alone', () => {
    const base = statusFromFrame(frame('confirming', {}, { confirmations: 1 }))
    const plain = { ...base, message: 'Waiting for network confirmations (soon)' }
    expect(withConsistentCount(plain)).toBe(plain)
    const unknownCount = { ...base, message: 'Confirming (1/1)', confirmations: null }
    expect(withConsistentCount(unknownCount)).toBe(unknownCount)
    const unknownRequired = { ...base, message: 'Confirming (1/1)', confirmationsRequired: null }
    expect(withConsistentCount(unknownRequired)).toBe(unknownRequired)
  })

  it('rewrites counts of any length', () => {
    const status = statusFromFrame(frame('confirming', { message: 'Confirming transaction (12/1)' }, { cryptoType: 'MATIC', confirmations: 12 }))
    expect(status.message).toBe('Confirming transaction (12/10)')
    const fewer = statusFromFrame(frame('confirming', { message: 'Confirming transaction (3/10)' }, { cryptoType: 'BNB', confirmations: 3 }))
    expect(fewer.message).toBe('Confirming transaction (3/3)')
  })

  it('rewrites only the count, keeping the rest of the server’s words', () => {
    const status = statusFromPoll(poll('confirming', { statusMessage: 'Confirming (0/9) of block (3/4)', confirmations: 2, confirmationsRequired: 10 }), null)
    expect(status.message).toBe('Confirming (2/10) of block (3/4)')
  })
})
