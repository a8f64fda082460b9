import { english } from '../support/i18n'
import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import PaymentTerminal, { type NextStepsKind } from '../../src/components/payment/PaymentTerminal.vue'
import PaymentHelp from '../../src/components/payment/PaymentHelp.vue'
import { helpView, paymentPageUrl, type HelpView } from '../../src/view/supportView'
import { HOSTILE, NOW, TX, makeStatus, stubClipboard } from './fixtures'

const START = 'https://vue.dlux.io/qr'
const SUPPORT = 'https://example.org/support'
const CHANNEL = '0123456789abcdef0123456789abcdef'

function helpFor(kind: 'failed' | 'expired' | 'not_found', txHash: string | null = null): HelpView {
  return helpView(
    {
      channelId: CHANNEL,
      status: kind === 'not_found' ? null : makeStatus({ code: kind, txHash }),
      notFound: kind === 'not_found',
      lastUpdateAt: NOW,
      serverClockOffsetMs: 0,
      pageUrl: paymentPageUrl('https://vue.dlux.io', '/', CHANNEL),
    },
    { now: NOW, watchingSince: NOW, hasSupport: true },
    english,
  )!
}

const mountKind = (kind: Exclude<NextStepsKind, 'invalid'>, supportUrl: string | null = SUPPORT, txHash: string | null = null) =>
  mount(PaymentTerminal, { props: { kind, startUrl: START, supportUrl, help: helpFor(kind, txHash) } })

describe('PaymentTerminal (what to do next)', () => {
  it('at failed: do not pay again, the reference, details for support, the support link', () => {
    const w = mountKind('failed', SUPPORT, TX)
    expect(w.get('h3').text()).toBe('What you can do')
    expect(w.text()).toContain('do not send it again')
    expect(w.text()).not.toMatch(/Connection details/)
    expect(w.get('[data-testid="payment-reference"]').text()).toContain(CHANNEL)
    expect(w.get('[data-testid="help-tx-hash"]').text()).toContain(TX)
    expect(w.find('[data-testid="copy-tx-hash"]').exists()).toBe(true)
    expect(w.get('[data-testid="copy-support-details"]').text()).toContain('Copy details for support')
    const support = w.get('[data-testid="support-link"]')
    expect(support.element.tagName).toBe('A')
    expect(support.attributes('href')).toBe(SUPPORT)
    expect(support.attributes('rel')).toContain('noopener')
    expect(w.get('[data-testid="monitoring-stopped"]').text()).toBe('Monitoring has stopped.')
    expect(w.find('[data-testid="start-again"]').exists()).toBe(false)
  })

  it('at expired: start again, and what to do if the payer did pay', () => {
    const w = mountKind('expired')
    expect(w.get('[data-testid="start-again"]').attributes('href')).toBe(START)
    expect(w.get('[data-testid="start-again"]').text()).toBe('Start again')
    expect(w.text()).toContain('If you did pay, do not pay again')
    expect(w.get('[data-testid="payment-reference"]').text()).toContain(CHANNEL)
    expect(w.find('[data-testid="help-tx-hash"]').exists()).toBe(false)
    expect(w.find('[data-testid="support-link"]').exists()).toBe(true)
  })

  it('for an unknown channel: it checks again once a minute, never "paused", and a new payment can start', () => {
    const w = mountKind('not_found')
    expect(w.get('[data-testid="monitoring-stopped"]').text()).toContain('once a minute')
    expect(w.text()).not.toMatch(/paused/i)
    expect(w.get('[data-testid="start-again"]').attributes('href')).toBe(START)
    expect(w.get('[data-testid="payment-reference"]').text()).toContain(CHANNEL)
  })

  it('shows no support link when none was configured, and still the details to copy', () => {
    for (const kind of ['failed', 'expired', 'not_found'] as const) {
      const w = mountKind(kind, null)
      expect(w.find('[data-testid="support-link"]').exists()).toBe(false)
      expect(w.find('[data-testid="copy-support-details"]').exists()).toBe(true)
    }
  })

  it('explains an invalid channel ID under its own heading and hosts the form in its slot', () => {
    const w = mount(PaymentTerminal, {
      props: { kind: 'invalid', message: 'A channel ID has at least 8 characters.', startUrl: START, supportUrl: null },
      slots: { default: '<form data-testid="slot-form"></form>' },
    })
    expect(w.get('h2').text()).toBe('This is not a valid channel ID')
    expect(w.text()).toContain('A channel ID has at least 8 characters.')
    expect(w.find('[data-testid="slot-form"]').exists()).toBe(true)
    expect(w.find('[data-testid="monitoring-stopped"]').exists()).toBe(false)
  })

  it('shows hostile messages as text', () => {
    const w = mount(PaymentTerminal, { props: { kind: 'invalid', message: HOSTILE, startUrl: START, supportUrl: null } })
    expect(w.find('img').exists()).toBe(false)
    expect(w.html()).toContain('&lt;img')
  })
})

describe('PaymentHelp', () => {
  it('copies the plain-text details for support', async () => {
    const writes = stubClipboard()
    const help = helpFor('failed', TX)
    const w = mount(PaymentHelp, { props: { help, supportUrl: SUPPORT } })
    await w.get('[data-testid="copy-support-details"]').trigger('click')
    await flushPromises()
    expect(writes.at(-1)).toBe(help.supportText)
    expect(writes.at(-1)).toContain(`Reference: ${CHANNEL}`)
    await w.get('[data-testid="copy-reference"]').trigger('click')
    await flushPromises()
    expect(writes.at(-1)).toBe(CHANNEL)
  })

  it('puts a hostile hash on the page as text only', () => {
    const help = helpFor('failed', HOSTILE)
    const w = mount(PaymentHelp, { props: { help, supportUrl: null } })
    expect(w.find('img').exists()).toBe(false)
    expect(w.get('[data-testid="help-tx-hash"]').text()).toContain('<img')
  })
})
