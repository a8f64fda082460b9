import { describe, expect, it } from 'vitest'
import { progressView } from '../../src/view/progressSteps'
import type { PaymentStatus } from '../../src/core/protocol/status'
import { english } from '../support/i18n'

function status(overrides: Partial<PaymentStatus>): PaymentStatus {
  return {
    code: 'waiting_payment',
    message: '',
    details: '',
    progress: 20,
    confirmations: 0,
    confirmationsRequired: 10,
    amount: '12.5',
    currency: 'MATIC',
    amountUsd: null,
    address: null,
    memo: null,
    txHash: null,
    expiresAt: null,
    username: 'bob',
    serverTime: null,
    serverTimeRange: null,
    source: 'poll',
    ...overrides,
  }
}

const states = (overrides: Partial<PaymentStatus>) => progressView(status(overrides), english).steps.map((s) => s.state)

describe('progress as steps', () => {
  it('has nothing done before the payment is sent, and asks for it', () => {
    const v = progressView(status({}), english)
    expect(v.steps[0]?.label).toBe('Send payment')
    expect(v.steps.map((s) => s.state)).toEqual(['current', 'todo', 'todo'])
    expect(v.valueText).toBe('Step 1 of 3: payment not sent yet')
    expect(v.valueText).not.toMatch(/%/)
    expect(v.value).toBe(20)
  })

  it('counts confirmations from detection on', () => {
    expect(states({ code: 'payment_detected' })).toEqual(['done', 'current', 'todo'])
    const v = progressView(status({ code: 'confirming', confirmations: 4, progress: 52 }), english)
    expect(v.steps[1]?.label).toBe('Confirmed 4/10')
    expect(v.steps[0]?.label).toBe('Payment sent')
    expect(v.valueText).toBe('Step 2 of 3: confirmations 4 of 10')
  })

  it('never shows more confirmations than required', () => {
    expect(progressView(status({ code: 'confirming', confirmations: 12 }), english).steps[1]?.label).toBe('Confirmed 10/10')
  })

  it('marks confirmations done while the account is created, and everything at completion', () => {
    const creating = progressView(status({ code: 'creating_account', confirmations: 3 }), english)
    expect(creating.steps.map((s) => s.state)).toEqual(['done', 'done', 'current'])
    expect(creating.steps[1]?.label).toBe('Confirmed 10/10')
    expect(creating.valueText).toBe('Step 3 of 3: creating your account')
    const done = progressView(status({ code: 'completed', progress: 100 }), english)
    expect(done.steps.map((s) => s.state)).toEqual(['done', 'done', 'done'])
    expect(done).toMatchObject({ tone: 'done', valueText: 'All 3 steps done: account created' })
  })

  it('freezes at the step where a payment stopped', () => {
    expect(states({ code: 'expired', progress: 0 })).toEqual(['todo', 'todo', 'todo'])
    const failed = progressView(status({ code: 'failed', txHash: 'ab', progress: 0 }), english)
    expect(failed.tone).toBe('stopped')
    expect(failed.valueText).toBe('Stopped at step 1 of 3: payment sent')
  })

  it('clamps and rounds the bar value', () => {
    expect(progressView(status({ progress: -5 }), english).value).toBe(0)
    expect(progressView(status({ progress: 250 }), english).value).toBe(100)
    expect(progressView(status({ progress: Number.NaN }), english).value).toBe(0)
    expect(progressView(status({ progress: 33.6 }), english).value).toBe(34)
  })

  it('says only "Confirmed" when the required count is unknown', () => {
    expect(progressView(status({ code: 'confirming', confirmationsRequired: null }), english).steps[1]?.label).toBe('Confirmed')
  })
})
