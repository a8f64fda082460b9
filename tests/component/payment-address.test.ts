import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import PaymentAddress from '../../src/components/payment/PaymentAddress.vue'
import { paymentView } from '../../src/view/paymentView'
import { BTC_ADDRESS, TX, makeStatus } from './fixtures'
import { english } from '../support/i18n'

const mountWith = (overrides: Parameters<typeof makeStatus>[0]) =>
  mount(PaymentAddress, { props: { view: paymentView({ status: makeStatus(overrides), notFound: false }, english), address: BTC_ADDRESS } })

describe('PaymentAddress (the address once nothing more should be sent)', () => {
  it('summarises a payment made: paid to the address on its network, with the transaction', () => {
    const w = mountWith({ code: 'confirming', txHash: TX })
    const summary = w.get('[data-testid="payment-summary"]')
    expect(summary.attributes('data-mode')).toBe('paid')
    expect(summary.text()).toMatch(/^Paid to bc1q\S+ on Bitcoin \(tx a1b2c3d4…7e8f90/)
    expect(w.get('[data-testid="payment-address"]').text()).toBe(BTC_ADDRESS)
    expect(w.get('[data-testid="payment-tx"] a').attributes('href')).toBe(`https://mempool.space/tx/${TX}`)
  })

  it('shows a closed address without any way to copy it', () => {
    const w = mountWith({ code: 'expired' })
    expect(w.get('[data-testid="payment-summary"]').text()).toMatch(/^Payment address \(closed\)/)
    expect(w.find('button').exists()).toBe(false)
  })
})
