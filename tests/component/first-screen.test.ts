// @vitest-environment happy-dom
/**
 * The first screen the entry draws before Vue loads is the markup the components draw for the same
 * status, element for element (tag, classes, hooks, ARIA, text), so the app's take-over moves and
 * changes nothing on screen. What only the components add (the pay instructions, the announcers,
 * the buttons) comes after the parts compared here.
 */
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import ConnectionBadge from '../../src/components/connection/ConnectionBadge.vue'
import PaymentStatusCard from '../../src/components/payment/PaymentStatusCard.vue'
import { firstScreen } from '../../src/boot/firstScreen'
import { connectionView } from '../../src/view/connectionView'
import { paymentView } from '../../src/view/paymentView'
import type { PaymentStatus } from '../../src/core/protocol/status'
import { HOSTILE, NOW, TX, makeStatus } from './fixtures'
import { english } from '../support/i18n'
import { showLanguage } from '../../src/core/i18n/activeLanguage'

// The components' words, here as well as in the component project's setup: the mutation runs
// (vitest.mutation.config.ts) take this file without that setup.
beforeAll(async () => {
  await showLanguage('en', ['first', 'page'])
})

const KEPT_ATTRIBUTES = ['class', 'data-testid', 'data-status', 'data-state', 'data-transport', 'role', 'id', 'aria-hidden', 'aria-valuenow', 'aria-valuetext', 'aria-label', 'aria-labelledby']

/** An element as the eye and the tests see it: tag, the attributes that matter, text and children. */
function outline(node: Element): string {
  const attrs = KEPT_ATTRIBUTES.filter((name) => node.hasAttribute(name)).map((name) => {
    const value = name === 'class' ? [...node.classList].sort().join(' ') : node.getAttribute(name)
    return `${name}="${value}"`
  })
  const parts = [...node.childNodes].flatMap((child) => {
    if (child.nodeType === 3) return (child.textContent ?? '').trim() === '' ? [] : [JSON.stringify((child.textContent ?? '').trim())]
    if (child.nodeType !== 1) return []
    const el = child as Element
    return el.classList.contains('visually-hidden') ? [] : [outline(el)]
  })
  return `<${node.tagName.toLowerCase()}${attrs.length ? ' ' + attrs.join(' ') : ''}>${parts.join('')}</${node.tagName.toLowerCase()}>`
}

/** The first `count` child elements of an element, outlined. */
const firstChildren = (el: Element, count: number): string[] => [...el.children].slice(0, count).map(outline)

function drawn(status: PaymentStatus): { badge: Element; card: Element } {
  const screen = firstScreen(document, { status, receivedAt: NOW, pollIntervalMs: 5000, online: true, embedded: false, translator: english, pickLanguage: () => undefined })
  return { badge: screen.querySelector('.connection-badge') as Element, card: screen.querySelector('article') as Element }
}

function rendered(status: PaymentStatus) {
  const stopped = ['completed', 'failed', 'expired'].includes(status.code)
  const connection = connectionView(
    {
      state: stopped ? 'idle' : 'connecting',
      transport: 'none',
      online: true,
      pollIntervalMs: 5000,
      failureReason: null,
      notFound: false,
      lastUpdateAt: NOW,
      lastCloseCode: null,
      wsAttempts: 0,
    },
    stopped,
    NOW,
    english,
  )
  const badge = mount(ConnectionBadge, { props: { connection } })
  const card = mount(PaymentStatusCard, { props: { view: paymentView({ status, notFound: false }, english), now: NOW, serverClockOffsetMs: 0 } })
  return { badge: badge.element as Element, card: card.element as Element }
}

describe('the first screen', () => {
  it.each<[string, PaymentStatus]>([
    ['waiting, with a dollar value', makeStatus()],
    ['waiting, before the socket says the dollar value', makeStatus({ amountUsd: null, source: 'poll' })],
    ['confirming 1 of 2, with the server words', makeStatus({ code: 'confirming', confirmations: 1, progress: 60, txHash: TX, message: 'Block seen, more to come 🎉' })],
    ['creating the account', makeStatus({ code: 'creating_account', confirmations: 2, progress: 90, txHash: TX })],
    ['completed', makeStatus({ code: 'completed', progress: 100, confirmations: 2, txHash: TX })],
    ['failed, with hostile server words and no name', makeStatus({ code: 'failed', message: HOSTILE, username: null })],
    ['on Polygon, no amount', makeStatus({ currency: 'MATIC', amount: null, amountUsd: null })],
  ])('is what the components draw: %s', (_label, status) => {
    const first = drawn(status)
    const app = rendered(status)
    expect(outline(first.badge)).toBe(outline(app.badge))
    // The card: the same head, sentence, server words, steps and facts, in the same order.
    const count = first.card.children.length
    expect(count).toBeGreaterThanOrEqual(2)
    expect(firstChildren(first.card, count)).toEqual(firstChildren(app.card, count))
    expect([...first.card.classList].sort()).toEqual([...app.card.classList].sort())
  })

  it('holds the dollar line while paying before the socket says the value, and marks an embedded page', () => {
    const screen = firstScreen(document, {
      status: makeStatus({ amountUsd: null, source: 'poll' }),
      receivedAt: NOW,
      pollIntervalMs: 5000,
      online: true,
      embedded: true,
      translator: english,
      pickLanguage: () => undefined,
    })
    expect(screen.querySelector('.payment-usd')?.textContent).toBe('\u00a0')
    expect([...screen.classList]).toEqual(['monitor-page', 'embedded'])
    const framed = firstScreen(document, { status: makeStatus(), receivedAt: NOW, pollIntervalMs: 5000, online: true, embedded: false, translator: english, pickLanguage: () => undefined })
    expect([...framed.classList]).toEqual(['monitor-page'])
  })

  it('holds no markup from the server: hostile words and names stay text', () => {
    const screen = firstScreen(document, {
      status: makeStatus({ code: 'failed', message: HOSTILE, username: '<b>x</b>' }),
      receivedAt: NOW,
      pollIntervalMs: 5000,
      online: true,
      embedded: false,
      translator: english,
      pickLanguage: () => undefined,
    })
    expect(screen.querySelector('img, b')).toBe(null)
    expect(screen.textContent).toContain(HOSTILE)
  })

  it('styles every class it uses in the global first-screen stylesheet (scoped styles would not reach it)', () => {
    const css = readFileSync('src/assets/firstScreen.css', 'utf8')
    const screen = firstScreen(document, {
      status: makeStatus({ code: 'confirming', confirmations: 1, message: 'Block seen, more to come' }),
      receivedAt: NOW,
      pollIntervalMs: 5000,
      online: true,
      embedded: true,
      translator: english,
      pickLanguage: () => undefined,
    })
    const classes = new Set([screen, ...screen.querySelectorAll('[class]')].flatMap((el) => [...el.classList]))
    // State words (tones, step states, status codes) qualify a styled class rather than stand alone.
    const qualifiers = new Set(['connecting', 'idle', 'live', 'polling', 'failed', 'offline', 'done', 'current', 'todo', 'normal', 'stopped', 'over', 'embedded', 'confirming'])
    for (const name of classes) {
      if (qualifiers.has(name)) continue
      expect(css, `.${name}`).toMatch(new RegExp(`\\.${name}[\\s,.:{]`))
    }
  })
})
