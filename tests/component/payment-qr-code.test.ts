import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import PaymentQrCode from '../../src/components/payment/PaymentQrCode.vue'
import { BTC_ADDRESS } from './fixtures'

describe('PaymentQrCode', () => {
  it('draws the text it is given as one SVG path, without inline styles', () => {
    const uri = `bitcoin:${BTC_ADDRESS}?amount=0.001`
    const w = mount(PaymentQrCode, { props: { text: uri } })
    const svg = w.get('[data-testid="payment-qr"]')
    expect(svg.attributes('data-text')).toBe(uri)
    expect(svg.attributes('role')).toBe('img')
    const d = w.get('path').attributes('d') ?? ''
    expect(d.startsWith('M')).toBe(true)
    expect(d.length).toBeGreaterThan(100)
    expect(svg.attributes('viewBox')).toMatch(/^0 0 \d+ \d+$/)
    expect(w.html()).not.toContain('style=')
  })

  it('changes with the text', async () => {
    const w = mount(PaymentQrCode, { props: { text: `bitcoin:${BTC_ADDRESS}` } })
    const before = w.get('path').attributes('d')
    await w.setProps({ text: `bitcoin:${BTC_ADDRESS}?amount=1` })
    expect(w.get('path').attributes('d')).not.toBe(before)
  })
})
