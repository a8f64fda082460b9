import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import PaymentProgress from '../../src/components/payment/PaymentProgress.vue'
import { progressView } from '../../src/view/progressSteps'
import { makeStatus } from './fixtures'
import { english } from '../support/i18n'

const mountFor = (overrides: Parameters<typeof makeStatus>[0]) =>
  mount(PaymentProgress, { props: { progress: progressView(makeStatus(overrides), english) } })

describe('PaymentProgress', () => {
  it('is a progressbar with aria values 0..100 whose text names the step', () => {
    const w = mountFor({ code: 'confirming', progress: 55, confirmations: 1 })
    const bar = w.get('[data-testid="payment-progress"]')
    expect(bar.attributes()).toMatchObject({
      role: 'progressbar',
      'aria-valuenow': '55',
      'aria-valuemin': '0',
      'aria-valuemax': '100',
      'aria-valuetext': 'Step 2 of 3: confirmations 1 of 2',
    })
    expect(w.text()).not.toContain('%')
  })

  it('shows the three steps with the one under way marked', () => {
    const w = mountFor({ code: 'confirming', progress: 55, confirmations: 1 })
    expect(w.findAll('li').map((li) => [li.text(), li.classes()[0]])).toEqual([
      ['Payment sent\u00a0✓', 'done'],
      ['Confirmed 1/2', 'current'],
      ['Account created', 'todo'],
    ])
    expect(w.findAll('.steps-segment').map((s) => s.classes()[1])).toEqual(['done', 'current', 'todo'])
  })

  it('asks for the payment before it is seen: "Send payment", not "Payment sent"', () => {
    const w = mountFor({ code: 'waiting_payment' })
    expect(w.findAll('li').map((li) => [li.text(), li.classes()[0]])).toEqual([
      ['Send payment', 'current'],
      ['Confirmed 0/2', 'todo'],
      ['Account created', 'todo'],
    ])
  })

  it('never sets inline styles (strict CSP)', () => {
    expect(mountFor({ code: 'completed', progress: 100 }).html()).not.toContain('style=')
  })
})
