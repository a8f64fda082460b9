import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import PaymentAddress from '../../src/components/payment/PaymentAddress.vue'
import { BTC_ADDRESS, stubClipboard } from './fixtures'

describe('PaymentAddress', () => {
  it('shows the full address and copies it', async () => {
    const copied = stubClipboard()
    const w = mount(PaymentAddress, { props: { address: BTC_ADDRESS } })
    expect(w.get('[data-testid="payment-address"]').text()).toBe(BTC_ADDRESS)
    const button = w.get('[data-testid="copy-address"]')
    expect(button.text()).toBe('Copy')
    await button.trigger('click')
    await flushPromises()
    await vi.waitUntil(() => copied.length > 0)
    expect(copied).toEqual([BTC_ADDRESS])
    expect(button.text()).toBe('Copied')
    expect(w.get('[role="status"]').text()).toBe('Address copied')
  })

  it('offers no copy button once the payment is over', () => {
    const w = mount(PaymentAddress, { props: { address: BTC_ADDRESS, copyable: false } })
    expect(w.find('[data-testid="copy-address"]').exists()).toBe(false)
    expect(w.text()).toContain('Payment address')
  })
})
