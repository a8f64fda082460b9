import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import PaymentTerminal, { type NextStepsKind } from '../../src/components/payment/PaymentTerminal.vue'

const START = 'https://vue.dlux.io/qr'
const SUPPORT = 'https://example.org/support'

const mountKind = (kind: NextStepsKind, supportUrl: string | null = SUPPORT, message: string | null = null) =>
  mount(PaymentTerminal, { props: { kind, startUrl: START, supportUrl, message } })

describe('PaymentTerminal (what to do next)', () => {
  it('at failed: do not pay again, keep the hash, contact support', () => {
    const w = mountKind('failed')
    expect(w.get('h3').text()).toBe('What you can do')
    expect(w.text()).toContain('Do not send the payment again')
    expect(w.get('[data-testid="support-link"]').attributes('href')).toBe(SUPPORT)
    expect(w.get('[data-testid="monitoring-stopped"]').text()).toBe('Monitoring has stopped.')
  })

  it('at expired: start again on the onboarding page', () => {
    const w = mountKind('expired')
    expect(w.get('[data-testid="start-again"]').attributes('href')).toBe(START)
    expect(w.get('[data-testid="start-again"]').text()).toBe('Start again')
    expect(w.find('[data-testid="support-link"]').exists()).toBe(true)
  })

  it('for an unknown channel: it checks again, and a new payment can start', () => {
    const w = mountKind('not_found')
    expect(w.text()).toContain('once a minute')
    expect(w.get('[data-testid="start-again"]').attributes('href')).toBe(START)
    expect(w.get('[data-testid="monitoring-stopped"]').text()).toBe('Live monitoring is paused.')
  })

  it('shows no support link when none was configured', () => {
    for (const kind of ['failed', 'expired', 'not_found'] as const) {
      expect(mountKind(kind, null).find('[data-testid="support-link"]').exists()).toBe(false)
    }
  })

  it('explains an invalid channel ID under its own heading and hosts the form in its slot', () => {
    const w = mount(PaymentTerminal, {
      props: { kind: 'invalid', message: 'A channel ID has at least 8 characters.', startUrl: START, supportUrl: null },
      slots: { default: '<form data-testid="slot-form"></form>' },
    })
    expect(w.get('h2').text()).toBe('This is not a valid channel ID')
    expect(w.text()).toContain('A channel ID has at least 8 characters.')
    expect(w.find('[data-testid="slot-form"]').exists()).toBe(true)
    expect(w.find('[data-testid="monitoring-stopped"]').exists()).toBe(false)
  })

  it('shows hostile messages as text', () => {
    const w = mountKind('invalid', null, '<img src=x onerror="window.__pwned=1">')
    expect(w.find('img').exists()).toBe(false)
    expect(w.html()).toContain('&lt;img')
  })
})
