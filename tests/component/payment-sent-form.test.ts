import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import PaymentSentForm from '../../src/components/payment/PaymentSentForm.vue'
import type { PaymentSentResult } from '../../src/core/machine/paymentSentResult'
import { HOSTILE, TX } from './fixtures'

function setup(result: Promise<PaymentSentResult>) {
  const report = vi.fn((_tx: string) => result)
  const w = mount(PaymentSentForm, { props: { report } })
  return { w, report }
}

describe('PaymentSentForm', () => {
  it('reports without a hash (the hash is optional) and shows the answer', async () => {
    const { w, report } = setup(Promise.resolve({ ok: true, via: 'http', message: 'Thanks. We are watching for your payment.' }))
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(report).toHaveBeenCalledWith('')
    const result = w.get('[data-testid="payment-sent-result"]')
    expect(result.text()).toBe('Thanks. We are watching for your payment.')
    expect(result.attributes('role')).toBe('status')
    expect(result.classes()).toContain('ok')
  })

  it('labels the field "Transaction ID (optional)"', () => {
    const { w } = setup(Promise.resolve({ ok: true, via: 'http', message: '' }))
    expect(w.get('label').text()).toBe('Transaction ID (optional)')
  })

  it('clears the last answer when a new attempt is refused', async () => {
    const { w } = setup(Promise.resolve({ ok: true, via: 'http', message: 'Thanks, the server has your report.' }))
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(w.find('[data-testid="payment-sent-result"]').exists()).toBe(true)
    await w.get('[data-testid="tx-hash-input"]').setValue('not-a-hash')
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(w.get('[role="alert"]').text()).not.toBe('')
    expect(w.find('[data-testid="payment-sent-result"]').exists()).toBe(false)
  })

  it('sends a valid hash without its 0x prefix', async () => {
    const { w, report } = setup(Promise.resolve({ ok: true, via: 'websocket', message: 'Payment verified' }))
    await w.get('[data-testid="tx-hash-input"]').setValue(`0x${TX}`)
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(report).toHaveBeenCalledWith(TX)
  })

  it('refuses an invalid hash with a clear message and no request', async () => {
    const { w, report } = setup(Promise.resolve({ ok: true, via: 'http', message: '' }))
    const input = w.get('[data-testid="tx-hash-input"]')
    await input.setValue('not-a-hash')
    await w.get('form').trigger('submit')
    expect(report).not.toHaveBeenCalled()
    expect(w.get('[role="alert"]').text()).toContain('0–9')
    expect(input.attributes('aria-invalid')).toBe('true')
    await input.setValue('abc123')
    await w.get('form').trigger('submit')
    expect(w.get('[role="alert"]').text()).toContain('32 to 128')
  })

  it('shows a refusal from the server as text', async () => {
    const { w } = setup(Promise.resolve({ ok: false, via: 'http', message: HOSTILE }))
    await w.get('form').trigger('submit')
    await flushPromises()
    const result = w.get('[data-testid="payment-sent-result"]')
    expect(result.text()).toBe(HOSTILE)
    expect(result.classes()).toContain('bad')
    expect(w.find('img').exists()).toBe(false)
  })

  it('disables the button while the report is under way', async () => {
    let resolve!: (r: PaymentSentResult) => void
    const { w } = setup(new Promise((r) => (resolve = r)))
    await w.get('form').trigger('submit')
    const button = w.get('[data-testid="payment-sent-button"]')
    expect(button.attributes('disabled')).toBeDefined()
    expect(button.text()).toBe('Sending…')
    resolve({ ok: true, via: 'http', message: 'ok' })
    await flushPromises()
    expect(button.attributes('disabled')).toBeUndefined()
    expect(button.text()).toBe('I have sent the payment')
  })

  it('survives a rejected report', async () => {
    const { w } = setup(Promise.reject(new Error('offline')))
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(w.get('[data-testid="payment-sent-result"]').text()).toContain('Could not reach the server. Your payment is still being watched.')
  })
})
