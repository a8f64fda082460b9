import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import PaymentProgress from '../../src/components/payment/PaymentProgress.vue'

describe('PaymentProgress', () => {
  it('is a progressbar with aria values 0..100', () => {
    const w = mount(PaymentProgress, { props: { progress: 55 } })
    const bar = w.get('[data-testid="payment-progress"]')
    expect(bar.attributes()).toMatchObject({
      role: 'progressbar',
      'aria-valuenow': '55',
      'aria-valuemin': '0',
      'aria-valuemax': '100',
    })
    expect(w.text()).toContain('55 %')
  })

  it.each([
    [-5, '0'],
    [250, '100'],
    [Number.NaN, '0'],
    [33.6, '34'],
  ])('clamps and rounds %s to %s', (progress, expected) => {
    const w = mount(PaymentProgress, { props: { progress } })
    expect(w.get('[data-testid="payment-progress"]').attributes('aria-valuenow')).toBe(expected)
  })

  it('never sets inline styles (strict CSP)', () => {
    const w = mount(PaymentProgress, { props: { progress: 70, tone: 'done' } })
    expect(w.html()).not.toContain('style=')
  })
})
