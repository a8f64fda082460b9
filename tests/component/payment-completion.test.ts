import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import PaymentCompletion from '../../src/components/payment/PaymentCompletion.vue'
import { paymentView } from '../../src/view/paymentView'
import { TX, makeStatus, stubClipboard } from './fixtures'
import { english } from '../support/i18n'

function mountCompletion(overrides: Parameters<typeof makeStatus>[0] = {}, serverClockOffsetMs: number | null = 0) {
  return mount(PaymentCompletion, {
    props: {
      view: paymentView({ status: makeStatus({ code: 'completed', progress: 100, txHash: TX, ...overrides }), notFound: false }, english),
      continueUrl: 'https://example.org/next',
      completedAt: Date.UTC(2026, 10, 30, 7, 0, 0),
      serverClockOffsetMs,
      channelId: 'chan-1234567',
    },
  })
}

describe('PaymentCompletion', () => {
  it('welcomes the account and offers the next step as a button', () => {
    const w = mountCompletion()
    expect(w.get('.welcome').text()).toBe('Welcome to HIVE, @alice.')
    const next = w.get('[data-testid="continue-link"]')
    expect(next.attributes('href')).toBe('https://example.org/next')
    expect(next.classes()).toContain('button-link')
  })

  it('says where the keys are and why to keep them', () => {
    expect(mountCompletion().text()).toMatch(/keys.*only way into the account/s)
  })

  it('puts the keys warning ("before you continue") before the Continue button', () => {
    const text = mountCompletion().text()
    expect(text.indexOf('before you continue')).toBeGreaterThan(-1)
    expect(text.indexOf('before you continue')).toBeLessThan(text.indexOf('Continue to DLUX'))
  })

  it('shows a receipt with amount, network, transaction link and time', () => {
    const receipt = mountCompletion().get('[data-testid="payment-receipt"]')
    expect(receipt.text()).toContain('0.00123456 BTC')
    expect(receipt.text()).toContain('Bitcoin')
    expect(receipt.get('a').attributes('href')).toBe(`https://mempool.space/tx/${TX}`)
    expect(receipt.text()).toContain('Completed')
  })

  it("dates the receipt by the server's clock, not a device clock 3 h slow", async () => {
    const copied = stubClipboard()
    const w = mountCompletion({}, 3 * 3600_000)
    await w.get('[data-testid="copy-receipt"]').trigger('click')
    await flushPromises()
    await vi.waitUntil(() => copied.length > 0)
    expect(copied[0]).toMatch(/^Completed: .*2026.* \(2026-11-30T10:00:00.000Z\)$/m)
  })

  it('copies the receipt as text and prints it', async () => {
    const copied = stubClipboard()
    const print = vi.fn()
    Object.defineProperty(window, 'print', { value: print, configurable: true })
    const w = mountCompletion()
    await w.get('[data-testid="copy-receipt"]').trigger('click')
    await flushPromises()
    await vi.waitUntil(() => copied.length > 0)
    expect(copied[0]).toContain('Account: @alice')
    expect(copied[0]).toContain(`Transaction: ${TX}`)
    await w.get('[data-testid="print-receipt"]').trigger('click')
    expect(print).toHaveBeenCalledTimes(1)
  })
})
