/**
 * No English left on a page in another language: every state of every payer-facing component and
 * view model, rendered in each language, is searched for English words (the English catalog's words
 * that are not the same in that language: product and network names, borrowed technical words).
 * Values the page shows as they are (amounts, addresses, hashes, names, the server's own words)
 * are left out of the search; the server's words are checked to be labelled instead.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { h, nextTick } from 'vue'
import englishFirstScreen from '../../src/core/i18n/catalogs/en-first'
import englishPage from '../../src/core/i18n/catalogs/en-page'
import { showLanguage } from '../../src/core/i18n/activeLanguage'
import { LANGUAGES, SOURCE_LANGUAGE, type Language } from '../../src/core/i18n/languages'
import type { Translator } from '../../src/core/i18n/translator'
import { receiptText } from '../../src/core/payment/receipt'
import type { PaymentStatus, StatusCode } from '../../src/core/protocol/status'
import ChannelIdForm from '../../src/components/channel/ChannelIdForm.vue'
import CompletionAlertToggle from '../../src/components/payment/CompletionAlertToggle.vue'
import ConnectionBadge from '../../src/components/connection/ConnectionBadge.vue'
import PaymentCompletion from '../../src/components/payment/PaymentCompletion.vue'
import PaymentCountdown from '../../src/components/payment/PaymentCountdown.vue'
import PaymentHelp from '../../src/components/payment/PaymentHelp.vue'
import PaymentSentForm from '../../src/components/payment/PaymentSentForm.vue'
import PaymentStatusCard from '../../src/components/payment/PaymentStatusCard.vue'
import PaymentTerminal from '../../src/components/payment/PaymentTerminal.vue'
import { connectionView, type ConnectionInput } from '../../src/view/connectionView'
import { pageView } from '../../src/view/pageView'
import { paymentView } from '../../src/view/paymentView'
import { receiptWords } from '../../src/view/receiptWords'
import { helpView, paymentPageUrl, type HelpSituation } from '../../src/view/supportView'
import { firstScreen } from '../../src/boot/firstScreen'
import type { PaymentSentResult } from '../../src/core/machine/paymentSentResult'
import { translatorFor } from '../support/i18n'
import { NOW, TX, makeSnapshot, makeStatus } from './fixtures'

/** Words that read the same in the other languages (names, and technical words they borrow). */
const SAME_IN_EVERY_LANGUAGE = ['hive', 'dlux', 'btc', 'bitcoin', 'solana', 'ethereum', 'mainnet', 'polygon', 'pos', 'bnb', 'smart', 'chain', 'matic', 'hash', 'channelid', 'qr', 'tx', 'id']
/** Words English shares with one language (the same word there, not English left behind). */
const SAME_IN: Partial<Record<Language, string[]>> = {
  de: ['live', 'offline', 'update', 'updates', 'optional', 'wallet', 'explorer', 'block', 'status', 'link', 'tab', 'hex', 'online', 'support', 'server', 'minute', 'was', 'code'],
  pl: ['status', 'link', 'offline', 'online', 'hash'],
  es: ['hash', 'online', 'offline', 'link'],
  // "compare" is Portuguese too (compare com…: compare with…), and Brazil says "QR code".
  'pt-BR': ['link', 'offline', 'online', 'status', 'hash', 'compare', 'code'],
  ko: [],
}

const ENGLISH_WORDS = new Set(
  Object.values({ ...englishFirstScreen, ...englishPage })
    .join(' ')
    .replace(/\{\w+\}/g, ' ')
    .toLowerCase()
    .match(/\p{L}{3,}/gu),
)

/** Values shown as they are, in every language: left out of the search. */
const VERBATIM = [TX, 'bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh', '@alice', 'alice', '0123456789abcdef0123456789abcdef', 'Polygon PoS', 'Ethereum mainnet', 'BNB Smart Chain']

/** The status code the support details carry next to the status's name, as the server sends it. */
const STATUS_CODE_IN_DETAILS = /\((?:waiting_payment|payment_detected|confirming|creating_account|completed|failed|expired|unknown|not_found)\)/g

function englishLeft(language: Language, text: string): string[] {
  let rest = text.replace(STATUS_CODE_IN_DETAILS, ' ')
  for (const value of VERBATIM) rest = rest.split(value).join(' ')
  const allowed = new Set([...SAME_IN_EVERY_LANGUAGE, ...(SAME_IN[language] ?? [])])
  const words = rest.toLowerCase().match(/\p{L}{3,}/gu) ?? []
  return [...new Set(words.filter((w) => ENGLISH_WORDS.has(w) && !allowed.has(w)))]
}

/** What a wrapper shows and says: its text, and the words in its accessible attributes. */
function shown(w: VueWrapper | Element): string {
  const root = 'element' in w ? (w.element as Element) : w
  const attrs = [...root.querySelectorAll('*'), root].flatMap((el) =>
    ['aria-label', 'aria-valuetext', 'placeholder'].map((name) => el.getAttribute(name) ?? ''),
  )
  const lang = (el: Element) => el.getAttribute('lang')
  // Server words are marked with the server's language, and option names are each in their own.
  const clone = root.cloneNode(true) as Element
  for (const el of clone.querySelectorAll('[lang]')) if (lang(el) !== null) el.remove()
  return `${clone.textContent ?? ''} ${attrs.join(' ')}`
}

const CODES: StatusCode[] = ['waiting_payment', 'payment_detected', 'confirming', 'creating_account', 'completed', 'failed', 'expired', 'unknown']
const quietStatus = (overrides: Partial<PaymentStatus> = {}) => makeStatus({ message: '', details: '', ...overrides })

function connectionInputs(): Array<[ConnectionInput, boolean]> {
  const base = makeSnapshot()
  return [
    [{ ...base, state: 'open' }, false],
    [{ ...base, state: 'open', statusStale: true }, false],
    [{ ...base, state: 'polling', transport: 'polling' }, false],
    [{ ...base, state: 'connecting', lastUpdateAt: null }, false],
    [{ ...base, state: 'failed', notFound: true }, false],
    [{ ...base, state: 'failed', failureReason: 'unreachable' }, false],
    [{ ...base, state: 'idle' }, true],
    [{ ...base, state: 'idle' }, false],
    [{ ...base, online: false }, false],
    [{ ...base, lastUpdateAt: NOW - 500 }, false],
  ]
}

function viewModelTexts(tr: Translator): string[] {
  const texts: string[] = []
  for (const code of CODES) {
    const status = quietStatus({ code, txHash: code === 'waiting_payment' ? null : TX, confirmations: 1 })
    const page = pageView({ ...makeSnapshot(), status }, NOW, tr)
    const p = page.payment
    texts.push(page.statusAnnouncement, page.documentTitle, page.completionMessage, page.completionTitle, p.title, p.sentence, p.qrCaption, p.progress?.valueText ?? '', ...(p.progress?.steps.map((s) => s.label) ?? []))
  }
  for (const currency of ['SOL', 'ETH', 'MATIC', 'BNB'] as const) {
    for (const code of ['payment_detected', 'confirming'] as const) texts.push(paymentView({ status: quietStatus({ code, currency }), notFound: false }, tr).sentence)
  }
  texts.push(pageView({ ...makeSnapshot(), status: null, notFound: true }, NOW, tr).payment.sentence)
  for (const [input, stopped] of connectionInputs()) {
    const c = connectionView(input, stopped, NOW, tr)
    texts.push(c.label, c.detail, c.announce, c.ageText)
  }
  const situations: Array<[HelpSituation, Partial<PaymentStatus> | null]> = [
    ['failed', { code: 'failed' }],
    ['expired', { code: 'expired' }],
    ['expired_paid', { code: 'expired', txHash: TX }],
    ['not_found', null],
    ['quiet', { code: 'waiting_payment' }],
  ]
  for (const [, overrides] of situations) {
    for (const hasSupport of [true, false]) {
      const help = helpView(
        { channelId: 'ch4nnel-1234567', status: overrides ? quietStatus(overrides) : null, notFound: overrides === null, lastUpdateAt: NOW - 10 * 60_000, serverClockOffsetMs: 0, pageUrl: paymentPageUrl('https://vue.dlux.io', '/', 'ch4nnel-1234567') },
        { now: NOW, watchingSince: NOW - 10 * 60_000, hasSupport },
        tr,
      )
      texts.push(...(help?.advice ?? []), help?.supportText ?? '')
    }
  }
  texts.push(receiptText({ username: 'alice', amount: '0.5', currency: 'MATIC', network: 'Polygon PoS', txHash: TX, explorerUrl: null, completed: tr.dateTime(NOW), channelId: 'c' }, receiptWords(tr)))
  return texts
}

async function componentTexts(tr: Translator): Promise<string[]> {
  const texts: string[] = []
  const keep = async (w: VueWrapper) => {
    await flushPromises()
    texts.push(shown(w))
    w.unmount()
  }
  for (const code of CODES) {
    const status = quietStatus({ code, txHash: code === 'waiting_payment' ? null : TX, confirmations: 1 })
    await keep(mount(PaymentStatusCard, { props: { view: paymentView({ status, notFound: false }, tr), now: NOW, serverClockOffsetMs: null } }))
  }
  await keep(mount(PaymentStatusCard, { props: { view: paymentView({ status: null, notFound: false }, tr), now: NOW, serverClockOffsetMs: 0 } }))
  for (const [input, stopped] of connectionInputs()) await keep(mount(ConnectionBadge, { props: { connection: connectionView(input, stopped, NOW, tr) } }))
  for (const offset of [null, 0]) {
    for (const expiresAt of [NOW + 10 * 60_000, NOW - 1000]) await keep(mount(PaymentCountdown, { props: { expiresAt, serverClockOffsetMs: offset, now: NOW } }))
  }
  const completed = paymentView({ status: quietStatus({ code: 'completed', txHash: TX }), notFound: false }, tr)
  await keep(mount(PaymentCompletion, { props: { view: completed, continueUrl: 'https://vue.dlux.io/', completedAt: NOW, serverClockOffsetMs: 0, channelId: 'c' } }))
  await keep(mount(PaymentCompletion, { props: { view: paymentView({ status: quietStatus({ code: 'completed', username: null }), notFound: false }, tr), continueUrl: 'https://vue.dlux.io/', completedAt: null, serverClockOffsetMs: null, channelId: null } }))
  for (const kind of ['failed', 'expired', 'not_found'] as const) {
    const help = helpView(
      { channelId: 'ch4nnel-1234567', status: kind === 'not_found' ? null : quietStatus({ code: kind, txHash: TX }), notFound: kind === 'not_found', lastUpdateAt: NOW, serverClockOffsetMs: 0, pageUrl: 'https://vue.dlux.io/' },
      { now: NOW, watchingSince: NOW, hasSupport: true },
      tr,
    )
    await keep(mount(PaymentTerminal, { props: { kind, startUrl: 'https://vue.dlux.io/qr', supportUrl: 'https://example.org', help } }))
    if (help) await keep(mount(PaymentHelp, { props: { help, supportUrl: 'https://example.org' } }))
  }
  for (const problem of ['empty', 'too_short', 'too_long', 'characters'] as const) {
    await keep(mount(PaymentTerminal, { props: { kind: 'invalid', message: tr.t(`channel.${problem}`), startUrl: 'https://vue.dlux.io/qr', supportUrl: null }, slots: { default: () => h(ChannelIdForm) } }))
  }
  const form = mount(ChannelIdForm, { props: { initial: 'bad id' } })
  await form.get('form').trigger('submit')
  await keep(form)
  const results: PaymentSentResult[] = [
    { ok: true, via: 'http', message: 'Thanks. We are watching for your payment.', note: 'watching' },
    { ok: true, via: 'http', message: 'Payment reported.', note: 'reported' },
    { ok: false, via: 'http', message: 'The server answered HTTP 500.', note: 'refused' },
    { ok: false, via: 'http', message: 'Could not reach the server.', note: 'not_reached' },
    { ok: false, via: 'http', message: 'x', note: 'bad_length' },
    { ok: true, via: 'websocket', message: 'Payment verified' },
    { ok: true, via: 'websocket', message: '' },
    { ok: false, via: 'websocket', message: '' },
  ]
  for (const result of results) {
    const sent = mount(PaymentSentForm, { props: { report: () => Promise.resolve(result) } })
    await sent.get('form').trigger('submit')
    await keep(sent)
  }
  for (const hash of ['not-hex!', 'abc']) {
    const sent = mount(PaymentSentForm, { props: { report: () => Promise.resolve(results[0] as PaymentSentResult) } })
    await sent.get('input').setValue(hash)
    await sent.get('form').trigger('submit')
    await keep(sent)
  }
  for (const armed of [false, true]) await keep(mount(CompletionAlertToggle, { props: { armed } }))
  const screen = firstScreen(document, { status: quietStatus({ code: 'confirming', txHash: TX }), receivedAt: NOW, pollIntervalMs: 5000, online: true, embedded: false, translator: tr, pickLanguage: () => undefined })
  texts.push(shown(screen))
  return texts
}

afterAll(async () => {
  await showLanguage(SOURCE_LANGUAGE, ['first', 'page'])
})

describe.each(LANGUAGES.filter((l) => l !== SOURCE_LANGUAGE))('the page in %s', (language) => {
  it('has no English left in any view model or component, in any state', async () => {
    const tr = await translatorFor(language)
    await showLanguage(language, ['first', 'page'])
    await nextTick()
    const texts = [...viewModelTexts(tr), ...(await componentTexts(tr))]
    const found = texts.flatMap((text) => englishLeft(language, text).map((word) => `"${word}" in: ${text.replace(/\s+/g, ' ').trim().slice(0, 160)}`))
    expect(found).toEqual([])
  })

  it('labels the server’s words as the server’s and marks them as English', async () => {
    const tr = await translatorFor(language)
    await showLanguage(language, ['first', 'page'])
    const view = paymentView({ status: makeStatus({ code: 'confirming', message: 'Block 812345 seen, more to come' }), notFound: false }, tr)
    const card = mount(PaymentStatusCard, { props: { view, now: NOW, serverClockOffsetMs: 0 } })
    const said = card.get('[data-testid="payment-message"]')
    expect(said.get('.server-label').text()).toBe(tr.t('card.server_words'))
    expect(said.get('[lang="en"]').text()).toBe('Block 812345 seen, more to come')
    card.unmount()
  })
})

describe('the search for English itself', () => {
  it('finds English left on a German page, and not the words German shares', () => {
    expect(englishLeft('de', 'Zahlung erkannt. Retry now')).toEqual(['retry', 'now'])
    expect(englishLeft('de', 'Live · Letztes Update vor 2 Sek. · HIVE · Bitcoin')).toEqual([])
    expect(englishLeft('pl', `Zapłacono na bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh (tx ${TX})`)).toEqual([])
  })

  it('skips what is marked as another language (the server’s words, the picker’s language names)', () => {
    const el = document.createElement('p')
    el.innerHTML = '<span>Zahlung</span><span lang="en">Waiting for payment</span>'
    expect(englishLeft('de', shown(el))).toEqual([])
  })
})
