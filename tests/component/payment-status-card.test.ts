import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import PaymentStatusCard from '../../src/components/payment/PaymentStatusCard.vue'
import type { PaymentStatus } from '../../src/core/protocol/status'
import { BTC_ADDRESS, HOSTILE, NOW, TX, makeStatus } from './fixtures'

function mountCard(status: PaymentStatus | null, extra: { notFound?: boolean; offset?: number | null } = {}) {
  return mount(PaymentStatusCard, {
    props: { status, notFound: extra.notFound ?? false, now: NOW, serverClockOffsetMs: extra.offset ?? 0 },
  })
}

describe('PaymentStatusCard', () => {
  it('is empty until the first status is known', () => {
    const w = mountCard(null)
    const el = w.get('[data-testid="payment-status"]')
    expect(el.attributes('data-status')).toBe('')
    expect(el.text()).toBe('')
    expect(w.text()).toContain('Looking up your payment')
    expect(w.find('[data-testid="payment-progress"]').exists()).toBe(false)
  })

  it('shows a waiting payment: words, progress, amount, address, countdown', async () => {
    const w = mountCard(makeStatus())
    const el = w.get('[data-testid="payment-status"]')
    expect(el.attributes('data-status')).toBe('waiting_payment')
    expect(el.text()).toBe('Waiting for your payment')
    const bar = w.get('[data-testid="payment-progress"]')
    expect(bar.attributes('role')).toBe('progressbar')
    expect(bar.attributes('aria-valuenow')).toBe('20')
    expect(w.get('[data-testid="payment-amount"]').text()).toBe('0.00123456 BTC')
    expect(w.get('.usd').text()).toBe('≈ $80.50')
    expect(w.get('[data-testid="payment-address"]').text()).toBe(BTC_ADDRESS)
    expect(w.get('[data-testid="payment-countdown"]').text()).toContain('30:00')
    expect(w.text()).toContain('@alice')
    // The QR code is a lazily loaded component.
    await vi.waitUntil(() => w.find('[data-testid="payment-qr"]').exists(), { timeout: 3000 })
    expect(w.get('[data-testid="payment-qr"]').attributes('aria-label')).toContain(`bitcoin:${BTC_ADDRESS}?amount=0.00123456`)
  })

  it('shows confirmations x of y and a shortened tx hash linked to the explorer', () => {
    const w = mountCard(makeStatus({ code: 'confirming', confirmations: 1, progress: 55, txHash: TX }))
    expect(w.get('[data-testid="payment-status"]').attributes('data-status')).toBe('confirming')
    expect(w.get('[data-testid="payment-confirmations"]').text()).toBe('1 of 2')
    const link = w.get('[data-testid="payment-tx"] a')
    expect(link.attributes('href')).toBe(`https://mempool.space/tx/${TX}`)
    expect(link.attributes('rel')).toBe('noopener noreferrer')
    expect(link.attributes('target')).toBe('_blank')
    expect(link.text()).toContain('a1b2c3d4…7e8f90')
    expect(link.text()).not.toContain(TX)
  })

  it('renders hostile server strings as text', () => {
    const w = mountCard(makeStatus({ message: HOSTILE, details: HOSTILE, username: HOSTILE }))
    expect(w.find('img').exists()).toBe(false)
    expect(w.get('[data-testid="payment-message"]').text()).toBe(HOSTILE)
    expect(w.get('[data-testid="payment-details"]').text()).toBe(HOSTILE)
    expect(w.html()).toContain('&lt;img')
  })

  it.each(['completed', 'failed', 'expired'] as const)(
    'keeps the last status, progress, amount and address at %s, without QR, copy or countdown',
    async (code) => {
      const progress = code === 'completed' ? 100 : 0
      const w = mountCard(makeStatus({ code, progress }))
      await flushPromises()
      expect(w.get('[data-testid="payment-status"]').attributes('data-status')).toBe(code)
      expect(w.get('[data-testid="payment-progress"]').attributes('aria-valuenow')).toBe(String(progress))
      expect(w.get('[data-testid="payment-amount"]').text()).toBe('0.00123456 BTC')
      expect(w.get('[data-testid="payment-address"]').text()).toBe(BTC_ADDRESS)
      expect(w.find('[data-testid="payment-qr"]').exists()).toBe(false)
      expect(w.find('[data-testid="copy-address"]').exists()).toBe(false)
      expect(w.find('[data-testid="payment-countdown"]').exists()).toBe(false)
    },
  )

  it('shows not_found for an unknown channel', () => {
    const w = mountCard(null, { notFound: true })
    const el = w.get('[data-testid="payment-status"]')
    expect(el.attributes('data-status')).toBe('not_found')
    expect(el.text()).toBe('Payment channel not found')
  })

  it('falls back to its own words when the server sent none', () => {
    const w = mountCard(makeStatus({ code: 'creating_account', message: '', progress: 80 }))
    expect(w.text()).toContain('Your HIVE account is being created')
  })

  it('shows a memo when the currency needs one', () => {
    const w = mountCard(makeStatus({ memo: 'MEMO-42' }))
    expect(w.get('[data-testid="payment-memo"]').text()).toBe('MEMO-42')
  })
})
