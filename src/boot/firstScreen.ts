/**
 * The first screen, drawn by the page's entry from the first status before Vue has loaded: the
 * page frame, the connection badge, and the payment card's head, server words, steps and facts. It is the same
 * markup, classes (src/assets/firstScreen.css), words and DOM test hooks as the components draw
 * (PaymentMonitorPage, ConnectionBadge, PaymentStatusCard, PaymentProgress), worked out by the same
 * view functions, so when the app takes over (src/main.ts) nothing on screen moves or changes.
 *
 * Server text only ever reaches the page as text nodes.
 */
import { LANGUAGES, LANGUAGE_NAMES, type Language } from '../core/i18n/languages'
import type { Translator } from '../core/i18n/translator'
import { SERVER_LANGUAGE } from '../core/payment/serverText'
import { connectionView } from '../view/connectionView'
import { paymentView } from '../view/paymentView'
import type { ProgressView } from '../view/progressSteps'
import { splitEmoji } from '../core/payment/serverText'
import { isTerminal, type PaymentStatus } from '../core/protocol/status'

/** Set on the app's container while it holds the first screen (read by src/main.ts). */
export const FIRST_SCREEN_ATTRIBUTE = 'data-first-screen'

type Child = Node | string | null | false

/** A message cut at its placeholder, with the element in its place. */
function around([before, after]: [string, string], element: HTMLElement): Child[] {
  return [before, element, after].filter((part) => part !== '')
}

function h(doc: Document, tag: string, attrs: Record<string, string> = {}, children: Child[] = []): HTMLElement {
  const el = doc.createElement(tag)
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value)
  for (const child of children) {
    if (child === null || child === false) continue
    el.append(typeof child === 'string' ? doc.createTextNode(child) : child)
  }
  return el
}

/** As ServerText.vue: emoji shown but not read aloud (they repeat the words). */
function serverText(doc: Document, text: string): HTMLElement {
  return h(
    doc,
    'span',
    { lang: SERVER_LANGUAGE },
    splitEmoji(text).map((part) => (part.emoji ? h(doc, 'span', { 'aria-hidden': 'true' }, [part.text]) : part.text)),
  )
}

/** As LanguagePicker.vue: every language in its own name; `pick` is called with the payer's choice. */
function picker(doc: Document, tr: Translator, pick: (language: Language) => void): HTMLElement {
  const id = 'first-screen-language'
  const select = h(
    doc,
    'select',
    { id, 'data-testid': 'language-picker' },
    LANGUAGES.map((language) => {
      const option = h(doc, 'option', { value: language, lang: language }, [LANGUAGE_NAMES[language]])
      if (language === tr.language) option.setAttribute('selected', '')
      return option
    }),
  ) as HTMLSelectElement
  select.addEventListener('change', () => pick(select.value as Language))
  return h(doc, 'div', { class: 'language-picker' }, [h(doc, 'label', { for: id }, [tr.t('page.language')]), select])
}

function steps(doc: Document, progress: ProgressView, tr: Translator): HTMLElement {
  return h(doc, 'div', { class: `payment-steps ${progress.tone}` }, [
    h(
      doc,
      'div',
      {
        'data-testid': 'payment-progress',
        role: 'progressbar',
        class: 'steps-bar',
        'aria-label': tr.t('steps.label'),
        'aria-valuemin': '0',
        'aria-valuemax': '100',
        'aria-valuenow': String(progress.value),
        'aria-valuetext': progress.valueText,
      },
      progress.steps.map((step) => h(doc, 'span', { class: `steps-segment ${step.state}` })),
    ),
    h(
      doc,
      'ol',
      { class: 'steps-list', 'aria-hidden': 'true' },
      progress.steps.map((step) =>
        h(doc, 'li', { class: step.state }, [step.label, h(doc, 'span', { class: 'steps-mark' }, [step.state === 'done' ? '\u00a0✓' : ''])]),
      ),
    ),
  ])
}

export interface FirstScreenInput {
  status: PaymentStatus
  /** Browser clock, epoch ms, when the status arrived. */
  receivedAt: number
  pollIntervalMs: number
  online: boolean
  embedded: boolean
  /** The page's language, its first-screen words loaded. */
  translator: Translator
  /** The payer picked another language in the picker. */
  pickLanguage: (language: Language) => void
}

/** The first screen's elements, to put in the app's container. */
export function firstScreen(doc: Document, input: FirstScreenInput): HTMLElement {
  const tr = input.translator
  const view = paymentView({ status: input.status, notFound: false }, tr)
  const stopped = isTerminal(input.status.code)
  // What the app's monitor says at this moment: the status came over HTTP, the socket is still opening.
  const connection = connectionView(
    {
      state: stopped ? 'idle' : 'connecting',
      transport: 'none',
      online: input.online,
      pollIntervalMs: input.pollIntervalMs,
      failureReason: null,
      notFound: false,
      lastUpdateAt: input.receivedAt,
      lastCloseCode: null,
      wsAttempts: 0,
    },
    stopped,
    input.receivedAt,
    tr,
  )
  const s = input.status
  const fact = (label: string, dd: HTMLElement): HTMLElement => h(doc, 'div', {}, [h(doc, 'dt', {}, [label]), dd])

  const badge = h(
    doc,
    'div',
    { class: `connection-badge ${connection.tone}`, 'data-testid': 'connection-state', 'data-state': connection.state, 'data-transport': connection.transport },
    [
      h(doc, 'span', { class: 'badge-dot', 'aria-hidden': 'true' }),
      h(doc, 'div', { class: 'badge-words' }, [
        h(doc, 'span', { class: 'badge-label', 'data-testid': 'connection-label' }, [connection.label]),
        connection.detail !== '' && h(doc, 'span', { class: 'badge-detail' }, [connection.detail]),
        h(doc, 'span', { class: 'badge-age', 'data-testid': 'last-update' }, [connection.ageText]),
      ]),
    ],
  )

  const facts =
    view.amountText
      ? h(doc, 'dl', { class: 'payment-facts' }, [
          view.amountText !== null &&
            fact(
              tr.t('card.amount'),
              h(doc, 'dd', { class: 'payment-amount' }, [
                h(doc, 'span', { 'data-testid': 'payment-amount' }, [view.amountText]),
                (view.amountUsdText !== null || view.addressMode === 'pay') && h(doc, 'span', { class: 'payment-usd' }, [view.amountUsdText ?? '\u00a0']),
              ]),
            ),
          view.network !== null && fact(tr.t('card.network'), h(doc, 'dd', { class: 'payment-network', 'data-testid': 'payment-network' }, [view.network])),
        ])
      : null

  const card = h(doc, 'article', { class: `payment-card${view.stopped ? ' over' : ''}`, 'aria-labelledby': 'payment-card-title' }, [
    h(doc, 'header', { class: 'payment-head' }, [
      h(doc, 'h2', { id: 'payment-card-title', class: `payment-title ${s.code}` }, [
        h(doc, 'span', { 'data-testid': 'payment-status', 'data-status': s.code }, [view.title]),
      ]),
      Boolean(s.username) && h(doc, 'p', { class: 'payment-for' }, around(tr.around('card.for', 'account'), h(doc, 'strong', {}, [`@${s.username}`]))),
    ]),
    h(doc, 'p', { class: 'payment-sentence', 'data-testid': 'payment-sentence' }, [view.sentence]),
    ...view.serverWords.map((words) =>
      h(doc, 'p', { class: 'payment-server', 'data-testid': 'payment-message' }, [
        view.serverWordsLabel !== null && h(doc, 'span', { class: 'server-label' }, [view.serverWordsLabel]),
        serverText(doc, words),
      ]),
    ),
    view.progress !== null && steps(doc, view.progress, tr),
    facts,
  ])

  return h(doc, 'div', { class: `monitor-page${input.embedded ? ' embedded' : ''}` }, [
    h(doc, 'header', { class: 'monitor-top' }, [h(doc, 'h1', {}, [tr.t('page.heading')]), picker(doc, tr, input.pickLanguage)]),
    h(doc, 'main', { class: 'monitor-content' }, [badge, card]),
  ])
}
