import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import PaymentTerminal from '../../src/components/payment/PaymentTerminal.vue'
import { HOSTILE } from './fixtures'

describe('PaymentTerminal', () => {
  it('welcomes the new account at completed', () => {
    const w = mount(PaymentTerminal, { props: { kind: 'completed', username: 'alice' } })
    expect(w.get('h2').text()).toBe('Welcome to HIVE, @alice')
    expect(w.get('[data-testid="monitoring-stopped"]').text()).toBe('Monitoring has stopped.')
    expect(w.get('[data-testid="payment-terminal"]').attributes('data-kind')).toBe('completed')
  })

  it('tells what to do next at failed', () => {
    const w = mount(PaymentTerminal, { props: { kind: 'failed' } })
    expect(w.get('h2').text()).toBe('The payment did not go through')
    expect(w.text()).toContain('do not send the payment again')
    expect(w.text()).toContain('transaction hash')
    expect(w.text()).toContain('Monitoring has stopped.')
  })

  it('offers to start again at expired', () => {
    const w = mount(PaymentTerminal, { props: { kind: 'expired', startUrl: 'https://vue.dlux.io/onboard' } })
    expect(w.get('h2').text()).toBe('This payment has expired')
    const link = w.get('a')
    expect(link.text()).toBe('Start again')
    expect(link.attributes('href')).toBe('https://vue.dlux.io/onboard')
  })

  it('explains a channel that does not exist', () => {
    const w = mount(PaymentTerminal, { props: { kind: 'not_found' } })
    expect(w.get('h2').text()).toBe('Payment channel not found')
    expect(w.text()).toContain('once a minute')
    expect(w.get('[data-testid="monitoring-stopped"]').text()).toBe('Live monitoring is paused.')
  })

  it('explains an invalid channel ID and hosts the form in its slot', () => {
    const w = mount(PaymentTerminal, {
      props: { kind: 'invalid', message: 'A channel ID has at least 8 characters.' },
      slots: { default: '<form data-testid="slot-form"></form>' },
    })
    expect(w.get('h2').text()).toBe('This is not a valid channel ID')
    expect(w.text()).toContain('A channel ID has at least 8 characters.')
    expect(w.text()).toContain('Nothing was looked up')
    expect(w.find('[data-testid="slot-form"]').exists()).toBe(true)
    expect(w.find('[data-testid="monitoring-stopped"]').exists()).toBe(false)
  })

  it('shows hostile names and messages as text', () => {
    const w = mount(PaymentTerminal, { props: { kind: 'completed', username: HOSTILE, message: HOSTILE } })
    expect(w.find('img').exists()).toBe(false)
    expect(w.get('h2').text()).toBe(`Welcome to HIVE, @${HOSTILE}`)
  })
})
