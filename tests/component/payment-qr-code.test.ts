import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import PaymentQrCode from '../../src/components/payment/PaymentQrCode.vue'
import { BTC_ADDRESS } from './fixtures'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('PaymentQrCode', () => {
  it('draws the text it is given as one SVG path, without inline styles', async () => {
    const uri = `bitcoin:${BTC_ADDRESS}?amount=0.001`
    const w = mount(PaymentQrCode, { props: { text: uri } })
    await vi.runAllTimersAsync()
    const svg = w.get('[data-testid="payment-qr"]')
    expect(svg.attributes('data-text')).toBe(uri)
    expect(svg.attributes('role')).toBe('img')
    const d = w.get('path').attributes('d') ?? ''
    expect(d.startsWith('M')).toBe(true)
    expect(d.length).toBeGreaterThan(100)
    expect(svg.attributes('viewBox')).toMatch(/^0 0 \d+ \d+$/)
    expect(w.html()).not.toContain('style=')
  })

  it('encodes in a task of its own, after the mount: the square is there, blank, until then', async () => {
    const w = mount(PaymentQrCode, { props: { text: `bitcoin:${BTC_ADDRESS}` } })
    expect(w.find('[data-testid="payment-qr"]').exists()).toBe(true)
    expect(w.find('path').exists()).toBe(false)
    await vi.advanceTimersByTimeAsync(0)
    expect(w.find('path').exists()).toBe(true)
  })

  it('changes with the text, and never shows the old code for the new text', async () => {
    const w = mount(PaymentQrCode, { props: { text: `bitcoin:${BTC_ADDRESS}` } })
    await vi.runAllTimersAsync()
    const before = w.get('path').attributes('d')
    await w.setProps({ text: `bitcoin:${BTC_ADDRESS}?amount=1` })
    expect(w.find('path').exists()).toBe(false)
    await vi.runAllTimersAsync()
    expect(w.get('path').attributes('d')).not.toBe(before)
  })
})
