import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import PaymentQrCode from '../../src/components/payment/PaymentQrCode.vue'
import { BTC_ADDRESS } from './fixtures'

describe('PaymentQrCode', () => {
  it('draws the payment URI as one SVG path, without inline styles', () => {
    const w = mount(PaymentQrCode, { props: { address: BTC_ADDRESS, currency: 'BTC', amount: '0.001' } })
    const svg = w.get('[data-testid="payment-qr"]')
    expect(svg.attributes('aria-label')).toBe(`QR code for bitcoin:${BTC_ADDRESS}?amount=0.001`)
    const d = w.get('path').attributes('d') ?? ''
    expect(d.startsWith('M')).toBe(true)
    expect(d.length).toBeGreaterThan(100)
    expect(svg.attributes('viewBox')).toMatch(/^0 0 \d+ \d+$/)
    expect(w.html()).not.toContain('style=')
  })

  it('changes with the address', async () => {
    const w = mount(PaymentQrCode, { props: { address: BTC_ADDRESS, currency: 'BTC', amount: null } })
    const before = w.get('path').attributes('d')
    await w.setProps({ address: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq' })
    expect(w.get('path').attributes('d')).not.toBe(before)
  })
})
