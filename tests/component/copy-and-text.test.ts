import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import CopyButton from '../../src/components/common/CopyButton.vue'
import ServerText from '../../src/components/common/ServerText.vue'
import PaymentInstructions from '../../src/components/payment/PaymentInstructions.vue'
import { paymentView } from '../../src/view/paymentView'
import { BTC_ADDRESS, NOW, makeStatus, stubClipboard } from './fixtures'
import { english } from '../support/i18n'

describe('CopyButton', () => {
  it('copies its value and says so, visibly and to screen readers', async () => {
    const copied = stubClipboard()
    const w = mount(CopyButton, { props: { value: '0.00123456', label: 'Copy amount', done: 'Amount copied' } })
    expect(w.get('button').text()).toContain('Copy amount')
    expect(w.get('[role="status"]').text()).toBe('')
    await w.get('button').trigger('click')
    await flushPromises()
    await vi.waitUntil(() => copied.length > 0)
    expect(copied).toEqual(['0.00123456'])
    expect(w.get('[role="status"]').text()).toBe('Amount copied')
    expect(w.get('.copied').classes()).not.toContain('hidden')
  })

  it('says "Copied" for two seconds, then its label again', async () => {
    stubClipboard()
    vi.useFakeTimers()
    try {
      const w = mount(CopyButton, { props: { value: 'x', label: 'Copy amount', done: 'Amount copied' } })
      await w.get('button').trigger('click')
      await flushPromises()
      expect(w.get('[role="status"]').text()).toBe('Amount copied')
      await vi.advanceTimersByTimeAsync(1999)
      expect(w.get('[role="status"]').text()).toBe('Amount copied')
      await vi.advanceTimersByTimeAsync(1)
      expect(w.get('[role="status"]').text()).toBe('')
      expect(w.get('.copied').classes()).toContain('hidden')
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('ServerText', () => {
  it('hides emoji from screen readers and keeps the words as text', () => {
    const w = mount(ServerText, { props: { text: '⏳ Payment recorded <b>now</b>' } })
    expect(w.get('[aria-hidden="true"]').text()).toBe('⏳')
    expect(w.text()).toBe('⏳ Payment recorded <b>now</b>')
    expect(w.find('b').exists()).toBe(false)
  })
})

describe('PaymentInstructions copy buttons', () => {
  it('copy the address, the amount as digits only, and the payment link', async () => {
    const copied = stubClipboard()
    const view = paymentView({ status: makeStatus(), notFound: false }, english)
    const w = mount(PaymentInstructions, { props: { view, address: BTC_ADDRESS, now: NOW, serverClockOffsetMs: 0 } })
    for (const id of ['copy-address', 'copy-amount', 'copy-payment-link']) {
      await w.get(`[data-testid="${id}"]`).trigger('click')
      await flushPromises()
    }
    await vi.waitUntil(() => copied.length === 3)
    expect(copied).toEqual([BTC_ADDRESS, '0.00123456', `bitcoin:${BTC_ADDRESS}?amount=0.00123456`])
  })

  it('say "Copied" each for its own value: one clipboard, not one "copied" for all', async () => {
    stubClipboard()
    const view = paymentView({ status: makeStatus(), notFound: false }, english)
    const w = mount(PaymentInstructions, { props: { view, address: BTC_ADDRESS, now: NOW, serverClockOffsetMs: 0 } })
    await w.get('[data-testid="copy-amount"]').trigger('click')
    await flushPromises()
    await vi.waitUntil(() => w.get('[data-testid="copy-amount"] [role="status"]').text() !== '')
    expect(w.get('[data-testid="copy-address"] [role="status"]').text()).toBe('')
    expect(w.get('[data-testid="copy-payment-link"] [role="status"]').text()).toBe('')
  })
})
