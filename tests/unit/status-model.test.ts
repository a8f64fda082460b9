import { describe, expect, it } from 'vitest'
import type { PollChannel, StatusUpdateMessage } from '../../src/core/protocol/messages'
import { formatAmount, statusFromFrame, statusFromPoll } from '../../src/core/protocol/status'
import { pollBody, statusFrame } from '../support/channel'

const frame = (status: string, extra: Record<string, unknown> = {}, channel: Record<string, unknown> = {}) =>
  statusFrame(status, extra, channel) as unknown as StatusUpdateMessage
const poll = (status: string, channel: Record<string, unknown> = {}) => pollBody(status, channel).channel as unknown as PollChannel

describe('one status vocabulary (docs/protocol.md table)', () => {
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

  it('leaves an unsupported currency out rather than guessing', () => {
    expect(statusFromFrame(frame('waiting_payment', {}, { cryptoType: 'XMR' })).currency).toBeNull()
  })

  it('formats amounts without float noise or exponents', () => {
    expect(formatAmount(0.1 + 0.2)).toBe('0.3')
    expect(formatAmount(1e-7)).toBe('0.0000001')
    expect(formatAmount(2)).toBe('2')
  })
})
