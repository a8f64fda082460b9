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

  it("says whose clock it counts by until the server's is known", () => {
    const unknown = mount(PaymentCountdown, { props: { expiresAt: NOW + 10 * 60_000, serverClockOffsetMs: null, now: NOW } })
    expect(unknown.text()).toBe("Time left to pay: 10:00 (by this device's clock)")
    const closed = mount(PaymentCountdown, { props: { expiresAt: NOW - 1, serverClockOffsetMs: null, now: NOW } })
    expect(closed.text()).toMatch(/^By this device's clock the payment window has closed/)
    const known = mount(PaymentCountdown, { props: { expiresAt: NOW + 10 * 60_000, serverClockOffsetMs: 0, now: NOW } })
    expect(known.text()).toBe('Time left to pay: 10:00')
  })

  it('marks up the expiry as the moment it is, whatever the device clock says', () => {
    const w = mount(PaymentCountdown, { props: { expiresAt: NOW + 10 * 60_000, serverClockOffsetMs: -600_000, now: NOW } })
    expect(w.get('time').attributes('datetime')).toBe(new Date(NOW + 10 * 60_000).toISOString())
    expect(w.text()).toContain('20:00')
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
