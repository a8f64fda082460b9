import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import PaymentCountdown from '../../src/components/payment/PaymentCountdown.vue'
import { NOW } from './fixtures'

describe('PaymentCountdown', () => {
  it('counts down to the expiry', () => {
    const w = mount(PaymentCountdown, { props: { expiresAt: NOW + 14 * 60_000 + 5_000, serverClockOffsetMs: 0, now: NOW } })
    expect(w.text()).toContain('14:05')
  })

  it('corrects the browser clock by the server clock offset', () => {
    // The server is 2 minutes ahead: 10 minutes by its clock are 8 left.
    const w = mount(PaymentCountdown, { props: { expiresAt: NOW + 10 * 60_000, serverClockOffsetMs: 120_000, now: NOW } })
    expect(w.text()).toContain('8:00')
  })

  it('follows the clock it is given', async () => {
    const w = mount(PaymentCountdown, { props: { expiresAt: NOW + 60_000, serverClockOffsetMs: null, now: NOW } })
    expect(w.text()).toContain('1:00')
    await w.setProps({ now: NOW + 59_000 })
    expect(w.text()).toContain('0:01')
    expect(w.get('p').classes()).toContain('urgent')
  })

  it('says the window closed once time is up', () => {
    const w = mount(PaymentCountdown, { props: { expiresAt: NOW - 1, serverClockOffsetMs: 0, now: NOW } })
    expect(w.text()).toContain('payment window has closed')
  })

  it('shows hours for long windows', () => {
    const w = mount(PaymentCountdown, { props: { expiresAt: NOW + 3_723_000, serverClockOffsetMs: 0, now: NOW } })
    expect(w.text()).toContain('1:02:03')
  })
})
