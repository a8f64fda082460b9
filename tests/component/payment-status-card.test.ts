import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import PaymentStatusCard from '../../src/components/payment/PaymentStatusCard.vue'
import { paymentView } from '../../src/view/paymentView'
import type { PaymentStatus } from '../../src/core/protocol/status'
import { BTC_ADDRESS, HOSTILE, NOW, TX, makeStatus } from './fixtures'
import { english } from '../support/i18n'

const EVM_ADDRESS = '0xfb6916095ca1df60bb79Ce92ce3ea74c37c5d359'

function mountCard(status: PaymentStatus | null, notFound = false) {
  return mount(PaymentStatusCard, {
    props: { view: paymentView({ status, notFound }, english), now: NOW, serverClockOffsetMs: 0 },
  })
}

describe('PaymentStatusCard', () => {
  it('holds its place until the first status is known', () => {
    const w = mountCard(null)
    const el = w.get('[data-testid="payment-status"]')
    expect(el.attributes('data-status')).toBe('')
    expect(el.text()).toBe('')
    expect(w.get('h2').text()).toBe('Payment')
    expect(w.classes()).toContain('loading')
    expect(w.text()).toContain('Looking up your payment')
    expect(w.find('[data-testid="payment-progress"]').exists()).toBe(false)
  })

  it('invites the payment while waiting: heading, one sentence, network, copy buttons, wallet link, QR', async () => {
    const w = mountCard(makeStatus())
    const heading = w.get('h2')
    expect(heading.get('[data-testid="payment-status"]').attributes('data-status')).toBe('waiting_payment')
    expect(heading.text()).toBe('Waiting for your payment')
    expect(w.get('[data-testid="payment-sentence"]').text()).toBe(
      'Send exactly 0.00123456 BTC on Bitcoin to the address below. This page updates by itself.',
    )
    // The server's "💳 Waiting for payment" repeats the heading: not shown twice.
    expect(w.find('[data-testid="payment-message"]').exists()).toBe(false)
    expect(w.get('[data-testid="payment-amount"]').text()).toBe('0.00123456 BTC')
    expect(w.get('.payment-usd').text()).toBe('≈ $80.50')
    expect(w.get('[data-testid="payment-network"]').text()).toBe('Bitcoin')
    expect(w.get('[data-testid="payment-address"]').text()).toBe(BTC_ADDRESS)
    expect(w.text()).toContain('Send to this address on Bitcoin')
    expect(w.get('[data-testid="open-wallet"]').attributes('href')).toBe(`bitcoin:${BTC_ADDRESS}?amount=0.00123456`)
    expect(w.find('[data-testid="copy-address"]').exists()).toBe(true)
    expect(w.find('[data-testid="copy-amount"]').exists()).toBe(true)
    expect(w.find('[data-testid="copy-payment-link"]').exists()).toBe(true)
    expect(w.get('[data-testid="payment-countdown"]').text()).toContain('30:00')
    expect(w.text()).toContain('@alice')
    expect(w.find('[data-testid="payment-confirmations"]').exists()).toBe(false)
    // The QR code is a lazily loaded component; it carries the same link.
    await vi.waitUntil(() => w.find('[data-testid="payment-qr"]').exists(), { timeout: 3000 })
    expect(w.get('[data-testid="payment-qr"]').attributes('data-text')).toBe(`bitcoin:${BTC_ADDRESS}?amount=0.00123456`)
    expect(w.get('figcaption').text()).toBe('Scan to pay 0.00123456 BTC on Bitcoin')
  })

  it('names Polygon for MATIC and links with chain id 137 and exact wei', () => {
    const w = mountCard(makeStatus({ currency: 'MATIC', amount: '12.5', address: EVM_ADDRESS, confirmationsRequired: 10 }))
    expect(w.get('[data-testid="payment-network"]').text()).toBe('Polygon PoS')
    expect(w.text()).toContain('Send to this address on Polygon PoS')
    expect(w.get('[data-testid="open-wallet"]').attributes('href')).toBe(`ethereum:${EVM_ADDRESS}@137?value=12500000000000000000`)
  })

  it.each(['payment_detected', 'confirming', 'creating_account'] as const)(
    'at %s collapses the instructions into a "Paid to … (tx …)" summary',
    async (code) => {
      const w = mountCard(makeStatus({ code, confirmations: 1, progress: 55, txHash: TX }))
      await flushPromises()
      expect(w.get('[data-testid="payment-summary"]').text()).toMatch(/^Paid to/)
      expect(w.get('[data-testid="payment-address"]').text()).toBe(BTC_ADDRESS)
      for (const gone of ['copy-address', 'copy-amount', 'open-wallet', 'payment-qr', 'payment-countdown']) {
        expect(w.find(`[data-testid="${gone}"]`).exists(), gone).toBe(false)
      }
      expect(w.text()).not.toContain('Send to this address')
    },
  )

  it('shows confirmations once (in the steps), an honest time per network, and a shortened tx hash linked to the explorer', () => {
    const w = mountCard(makeStatus({ code: 'confirming', confirmations: 1, progress: 55, txHash: TX }))
    expect(w.get('h2').text()).toBe('Confirming your payment')
    expect(w.get('[data-testid="payment-sentence"]').text()).toBe(
      'The network is confirming your payment on Bitcoin. This usually takes 10–60 minutes in all.',
    )
    expect(w.find('[data-testid="payment-confirmations"]').exists()).toBe(false)
    expect(w.text().match(/1\/2|1 of 2/g)).toEqual(['1/2'])
    const link = w.get('[data-testid="payment-tx"] a')
    expect(link.attributes('href')).toBe(`https://mempool.space/tx/${TX}`)
    expect(link.attributes('rel')).toBe('noopener noreferrer')
    expect(link.attributes('target')).toBe('_blank')
    expect(link.text()).toContain('a1b2c3d4…7e8f90')
    expect(link.text()).not.toContain(TX)
  })

  it('renders hostile server strings as text, emoji hidden from screen readers', () => {
    const w = mountCard(makeStatus({ message: `🎉 ${HOSTILE}`, details: HOSTILE, username: HOSTILE }))
    expect(w.find('img').exists()).toBe(false)
    const message = w.get('[data-testid="payment-message"]')
    expect(message.text()).toBe(`🎉 ${HOSTILE}`)
    expect(message.get('[aria-hidden="true"]').text()).toBe('🎉')
    // The same words twice (emoji aside) are shown once.
    expect(w.findAll('[data-testid="payment-message"]')).toHaveLength(1)
    expect(w.html()).toContain('&lt;img')
  })

  it.each(['failed', 'expired'] as const)('at %s keeps status, progress, amount and address, offering nothing to pay', async (code) => {
    const w = mountCard(makeStatus({ code, progress: 0 }))
    await flushPromises()
    expect(w.get('[data-testid="payment-status"]').attributes('data-status')).toBe(code)
    expect(w.get('[data-testid="payment-progress"]').attributes('aria-valuenow')).toBe('0')
    expect(w.get('[data-testid="payment-amount"]').text()).toBe('0.00123456 BTC')
    expect(w.get('[data-testid="payment-address"]').text()).toBe(BTC_ADDRESS)
    for (const gone of ['payment-qr', 'copy-address', 'open-wallet', 'payment-countdown']) {
      expect(w.find(`[data-testid="${gone}"]`).exists(), gone).toBe(false)
    }
  })

  it('shows not_found for an unknown channel', () => {
    const w = mountCard(null, true)
    const el = w.get('[data-testid="payment-status"]')
    expect(el.attributes('data-status')).toBe('not_found')
    expect(el.text()).toBe('Payment channel not found')
  })
})
