import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { computed, defineComponent, h, shallowRef, toValue, watch, type MaybeRefOrGetter } from 'vue'
import type { PaymentSentResult } from '../../src/core/machine/paymentSentResult'
import type { MonitorSnapshot } from '../../src/core/machine/snapshot'
import { HOSTILE, NOW, TX, makeSnapshot, makeStatus } from './fixtures'
import { english } from '../support/i18n'
import { RenderTurns } from '../../src/core/renderTurns'
import { RENDER_TURNS } from '../../src/composables/useRenderTurn'

// The page is tested against the composable's interface; the monitor itself has its own tests.
const fake = vi.hoisted(() => ({
  channelIds: [] as (string | null)[],
  retry: null as unknown as () => void,
  report: null as unknown as (tx: string) => Promise<PaymentSentResult>,
  snapshot: null as unknown as { value: MonitorSnapshot },
}))

vi.mock('../../src/composables/usePaymentMonitor', async () => {
  // The real view model over the fake snapshot: the page is layout only, so this is what it shows.
  const { pageView } = await import('../../src/view/pageView')
  return {
  usePaymentMonitor(channelId: MaybeRefOrGetter<string | null>) {
    watch(() => toValue(channelId), (id) => fake.channelIds.push(id), { immediate: true })
    return {
      snapshot: fake.snapshot,
      view: computed(() => pageView(fake.snapshot.value, NOW, english)),
      now: computed(() => NOW),
      status: computed(() => fake.snapshot.value.status),
      state: computed(() => fake.snapshot.value.state),
      transport: computed(() => fake.snapshot.value.transport),
      retry: fake.retry,
      stop: () => {},
      reportPaymentSent: fake.report,
    }
  },
  }
})

vi.mock('../../src/components/dev/SimulatorControls.vue', () => ({
  default: defineComponent({
    props: { channelId: { type: String, default: null } },
    emits: ['demo-started'],
    setup(props, { emit }) {
      return () =>
        h('button', { 'data-testid': 'sim-demo', onClick: () => emit('demo-started', 'demo0123456789abcdef') }, `sim:${props.channelId ?? 'none'}`)
    },
  }),
}))

const { default: PaymentMonitorPage } = await import('../../src/pages/PaymentMonitorPage.vue')

const CHANNEL = '0123456789abcdef0123456789abcdef'

// Each page owns listeners (popstate) and watchers: unmount it before the next test.
enableAutoUnmount(afterEach)

function setUrl(search: string) {
  history.replaceState(null, '', `/${search}`)
}

/** Lets the lazily loaded parts (terminal screens, channel form, simulator) load and render. */
async function settle() {
  await vi.dynamicImportSettled()
  for (let i = 0; i < 10; i++) {
    // The page loads its terminal screens and forms on demand: wait for those imports, however
    // long a busy machine takes to transform them, not for a fixed number of ticks.
    await vi.dynamicImportSettled()
    await flushPromises()
    await new Promise((r) => setTimeout(r, 5))
  }
}

async function mountPage(snapshot: MonitorSnapshot = makeSnapshot()) {
  fake.snapshot.value = snapshot
  const w = mount(PaymentMonitorPage, { attachTo: document.body })
  await settle()
  return w
}

describe('PaymentMonitorPage', () => {
  beforeEach(() => {
    fake.channelIds = []
    fake.retry = vi.fn()
    fake.report = vi.fn(async () => ({ ok: true, via: 'http' as const, message: 'Thanks.' }))
    fake.snapshot = shallowRef(makeSnapshot())
  })
  afterEach(() => {
    document.body.innerHTML = ''
    setUrl('')
  })

  it('without a channel offers a field, and entering one updates the URL and starts monitoring', async () => {
    setUrl('')
    const w = await mountPage(makeSnapshot({ channelId: null, status: null, state: 'idle', transport: 'none' }))
    expect(fake.channelIds).toEqual([null])
    expect(w.find('[data-testid="connection-state"]').exists()).toBe(false)
    await w.get('[data-testid="channel-input"]').setValue(CHANNEL)
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(new URLSearchParams(location.search).get('channelId')).toBe(CHANNEL)
    expect(fake.channelIds).toEqual([null, CHANNEL])
    expect(w.find('[data-testid="payment-status"]').exists()).toBe(true)
  })

  it('offers the simulator in dev and follows a demo channel it starts', async () => {
    setUrl('')
    const w = await mountPage(makeSnapshot({ channelId: null, status: null, state: 'idle', transport: 'none' }))
    await vi.waitUntil(() => w.find('[data-testid="sim-demo"]').exists(), { timeout: 3000 })
    expect(w.get('[data-testid="sim-demo"]').text()).toBe('sim:none')
    await w.get('[data-testid="sim-demo"]').trigger('click')
    await flushPromises()
    expect(new URLSearchParams(location.search).get('channelId')).toBe('demo0123456789abcdef')
    expect(fake.channelIds.at(-1)).toBe('demo0123456789abcdef')
  })

  it.each(['short', 'has spaces in it', '<img src=x onerror=alert(1)>', 'a'.repeat(129)])(
    'refuses the invalid channel ID %j with a clear message and no monitoring',
    async (bad) => {
      setUrl(`?channelId=${encodeURIComponent(bad)}`)
      const w = await mountPage(makeSnapshot({ channelId: null, status: null, state: 'idle', transport: 'none' }))
      expect(fake.channelIds).toEqual([null])
      const terminal = w.get('[data-testid="payment-terminal"]')
      expect(terminal.attributes('data-kind')).toBe('invalid')
      expect(terminal.text()).toMatch(/channel ID/)
      expect(w.find('img').exists()).toBe(false)
      expect(w.find('[data-testid="connection-state"]').exists()).toBe(false)
      expect((w.get('[data-testid="channel-input"]').element as HTMLInputElement).value).toBe(bad)
    },
  )

  it('monitors a valid channel: card, badge, diagnostics and the sent form', async () => {
    setUrl(`?channelId=${CHANNEL}`)
    const w = await mountPage()
    expect(fake.channelIds).toEqual([CHANNEL])
    expect(w.get('[data-testid="payment-status"]').attributes('data-status')).toBe('waiting_payment')
    expect(w.get('[data-testid="connection-state"]').attributes('data-state')).toBe('open')
    expect(w.get('[data-testid="connection-state"]').attributes('data-transport')).toBe('websocket')
    expect(w.find('[data-testid="diagnostics"]').exists()).toBe(true)
    expect(w.find('[data-testid="payment-terminal"]').exists()).toBe(false)
    expect(w.get('[data-testid="status-announcer"]').attributes('aria-live')).toBe('polite')
    expect(w.get('[data-testid="status-announcer"]').text()).toBe('Payment status: Waiting for your payment.')
    await w.get('[data-testid="payment-sent-form"]').trigger('submit')
    await flushPromises()
    expect(fake.report).toHaveBeenCalledWith('')
    expect(w.get('[data-testid="payment-sent-result"]').text()).toBe('Thanks.')
    expect(document.title).toBe('Waiting for your payment · DLUX payment')
  })

  it('follows snapshot changes and calls retry from the badge', async () => {
    setUrl(`?channelId=${CHANNEL}`)
    const w = await mountPage()
    expect(w.find('[data-testid="retry-button"]').exists()).toBe(false)
    fake.snapshot.value = makeSnapshot({ state: 'polling', transport: 'polling', wsAttempts: 4, lastCloseCode: 1006 })
    await flushPromises()
    expect(w.get('[data-testid="connection-state"]').attributes('data-state')).toBe('polling')
    expect(w.get('[data-testid="diag-ws-attempts"]').text()).toBe('4')
    expect(w.get('[data-testid="diag-last-close-code"]').text()).toBe('1006')
    await w.get('[data-testid="retry-button"]').trigger('click')
    expect(fake.retry).toHaveBeenCalledTimes(1)
    fake.snapshot.value = makeSnapshot({ state: 'failed', transport: 'none', failureReason: 'unreachable' })
    await flushPromises()
    const button = w.get('[data-testid="retry-button"]')
    expect(button.attributes('disabled')).toBeUndefined()
  })

  it('shows the completion with the card still there: next step, keys, receipt; the tab says Paid', async () => {
    setUrl(`?channelId=${CHANNEL}`)
    const icon = Object.assign(document.createElement('link'), { rel: 'icon', href: '/favicon.svg' })
    document.head.append(icon)
    const w = await mountPage(
      makeSnapshot({ state: 'idle', transport: 'none', status: makeStatus({ code: 'completed', progress: 100, txHash: TX }) }),
    )
    expect(w.get('[data-testid="payment-status"]').text()).toBe('Account created')
    await vi.waitUntil(() => w.find('[data-testid="payment-completion"]').exists(), { timeout: 3000 })
    expect(w.get('[data-testid="payment-completion"]').text()).toContain('Welcome to HIVE, @alice.')
    expect(w.get('[data-testid="continue-link"]').attributes('href')).toBe('https://vue.dlux.io/')
    expect(w.get('[data-testid="payment-receipt"]').text()).toContain('Bitcoin')
    expect(w.find('[data-testid="payment-terminal"]').exists()).toBe(false)
    expect(w.get('[data-testid="payment-summary"]').text()).toMatch(/^Paid to/)
    expect(w.get('[data-testid="connection-label"]').text()).toBe('Finished')
    expect(document.title).toMatch(/^Paid/)
    expect(icon.href).toMatch(/favicon-paid\.svg$/)
    icon.remove()
    expect(w.find('[data-testid="completion-alert"]').exists()).toBe(false)
  })

  it.each([
    ['failed', 0],
    ['expired', 0],
  ] as const)('shows what to do at %s with the card still there and monitoring stopped', async (code, progress) => {
    setUrl(`?channelId=${CHANNEL}`)
    const w = await mountPage(makeSnapshot({ state: 'idle', transport: 'none', status: makeStatus({ code, progress }) }))
    expect(w.get('[data-testid="payment-terminal"]').attributes('data-kind')).toBe(code)
    expect(w.get('[data-testid="payment-status"]').attributes('data-status')).toBe(code)
    expect(w.get('[data-testid="payment-progress"]').attributes('aria-valuenow')).toBe(String(progress))
    expect(w.get('[data-testid="payment-amount"]').text()).toBe('0.00123456 BTC')
    expect(w.get('[data-testid="payment-address"]').text()).not.toBe('')
    expect(w.find('[data-testid="copy-address"]').exists()).toBe(false)
    expect(w.get('[data-testid="connection-label"]').text()).toBe('Finished')
    expect(w.find('[data-testid="payment-sent-form"]').exists()).toBe(false)
    // Unset at build time: DLUX's community chat.
    expect(w.get('[data-testid="support-link"]').attributes('href')).toBe('https://discord.gg/Beeb38j')
    expect(w.get('[data-testid="payment-reference"]').text()).toContain(CHANNEL)
    expect(w.find('[data-testid="copy-support-details"]').exists()).toBe(true)
    expect(w.get('[data-testid="payment-terminal"]').text()).not.toMatch(/Connection details/)
  })

  it('offers help when no update has come for 2 minutes on a payment that is not over', async () => {
    setUrl(`?channelId=${CHANNEL}`)
    const quiet = await mountPage(makeSnapshot({ status: makeStatus({ code: 'confirming', txHash: TX, confirmations: 1 }), lastUpdateAt: NOW - 3 * 60_000 }))
    expect(quiet.get('[data-testid="quiet-help"]').text()).toContain('No news about this payment')
    expect(quiet.get('[data-testid="payment-reference"]').text()).toContain(CHANNEL)
    expect(quiet.find('[data-testid="copy-support-details"]').exists()).toBe(true)
    quiet.unmount()
    const fresh = await mountPage(makeSnapshot({ status: makeStatus({ code: 'confirming', txHash: TX, confirmations: 1 }), lastUpdateAt: NOW - 30_000 }))
    expect(fresh.find('[data-testid="quiet-help"]').exists()).toBe(false)
  })

  it('shows the not-found screen', async () => {
    setUrl(`?channelId=${CHANNEL}`)
    const w = await mountPage(
      makeSnapshot({ status: null, notFound: true, state: 'failed', transport: 'none', failureReason: 'not_found' }),
    )
    expect(w.get('[data-testid="payment-terminal"]').attributes('data-kind')).toBe('not_found')
    expect(w.find('[data-testid="channel-form"]').exists()).toBe(true)
    expect(w.get('[data-testid="payment-reference"]').text()).toContain(CHANNEL)
    expect(w.get('[data-testid="payment-status"]').attributes('data-status')).toBe('not_found')
    expect(w.get('[data-testid="connection-state"]').attributes('data-state')).toBe('failed')
    expect(w.find('[data-testid="retry-button"]').exists()).toBe(true)
    // Said once, as the card's heading: not again in the badge or the panel below it.
    const visible = w.text().replace(w.get('[data-testid="status-announcer"]').text(), '')
    expect(visible.match(/not found/gi)).toHaveLength(1)
  })

  it('links the no-channel page to the onboarding page', async () => {
    setUrl('')
    const w = await mountPage(makeSnapshot({ channelId: null, status: null, state: 'idle', transport: 'none' }))
    expect(w.get('[data-testid="start-link"]').attributes('href')).toBe('https://vue.dlux.io/qr')
  })

  it('accepts a channel ID pasted with a trailing period', async () => {
    setUrl(`?channelId=${CHANNEL}.`)
    await mountPage()
    expect(fake.channelIds).toEqual([CHANNEL])
  })

  it('offers a chime on completion only after a click', async () => {
    setUrl(`?channelId=${CHANNEL}`)
    const w = await mountPage()
    const button = w.get('[data-testid="completion-alert"]')
    expect(button.attributes('aria-pressed')).toBe('false')
    await button.trigger('click')
    await flushPromises()
    expect(w.get('[data-testid="completion-alert"]').attributes('aria-pressed')).toBe('true')
  })

  it('shows hostile server text as text across the page', async () => {
    setUrl(`?channelId=${CHANNEL}`)
    const w = await mountPage(
      makeSnapshot({
        status: makeStatus({ message: HOSTILE, details: HOSTILE }),
        events: [{ at: 0, kind: 'server-error', level: 'error', message: HOSTILE }],
      }),
    )
    expect(w.text()).toContain(HOSTILE)
    expect(document.querySelector('img')).toBeNull()
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined()
  })

  it('follows Back and Forward', async () => {
    setUrl(`?channelId=${CHANNEL}`)
    const w = await mountPage()
    history.pushState(null, '', '/?channelId=other-channel-1')
    window.dispatchEvent(new PopStateEvent('popstate'))
    await flushPromises()
    expect(fake.channelIds).toEqual([CHANNEL, 'other-channel-1'])
    expect(w.find('[data-testid="connection-state"]').exists()).toBe(true)
  })

  it('tells an embedding parent about status changes, only at allowed origins', async () => {
    const postMessage = vi.fn()
    const parentDescriptor = Object.getOwnPropertyDescriptor(window, 'parent')
    Object.defineProperty(window, 'parent', { value: { postMessage }, configurable: true })
    try {
      setUrl(`?channelId=${CHANNEL}`)
      await mountPage()
      expect(postMessage).toHaveBeenCalled()
      const origins = postMessage.mock.calls.map((c) => c[1])
      for (const origin of origins) expect(['https://dlux.io', 'https://www.dlux.io', 'https://vue.dlux.io']).toContain(origin)
      expect(postMessage.mock.calls[0]?.[0]).toEqual({
        type: 'dlux-payment-status',
        channelId: CHANNEL,
        status: 'waiting_payment',
        progress: 20,
      })
      postMessage.mockClear()
      fake.snapshot.value = makeSnapshot({ status: makeStatus({ code: 'completed', progress: 100 }), state: 'idle', transport: 'none' })
      await flushPromises()
      expect(postMessage.mock.calls[0]?.[0]).toMatchObject({ status: 'completed', progress: 100 })
    } finally {
      if (parentDescriptor) Object.defineProperty(window, 'parent', parentDescriptor)
    }
  })
})

describe('PaymentMonitorPage rendered in turns (the hand-over from the first screen)', () => {
  beforeEach(() => {
    fake.channelIds = []
    fake.retry = vi.fn()
    fake.report = vi.fn(async () => ({ ok: true, via: 'http' as const, message: 'Thanks.' }))
    fake.snapshot = shallowRef(makeSnapshot())
    setUrl(`?channelId=${CHANNEL}`)
  })
  afterEach(() => {
    document.body.innerHTML = ''
    setUrl('')
  })

  it('renders the frame first and its parts one task each, ending as the page rendered at once', async () => {
    const whole = await mountPage()
    const expected = whole.html()
    whole.unmount()

    const tasks: Array<() => void> = []
    const turns = new RenderTurns((task) => void tasks.push(task))
    const w = mount(PaymentMonitorPage, { attachTo: document.body, global: { provide: { [RENDER_TURNS as symbol]: turns } } })
    await flushPromises()
    // The first task: the page's frame, none of its parts.
    expect(w.find('h1').exists()).toBe(true)
    expect(w.find('[data-testid="payment-status"]').exists()).toBe(false)
    expect(w.find('[data-testid="connection-state"]').exists()).toBe(false)
    expect(w.find('[data-testid="payment-address"]').exists()).toBe(false)
    let parts = 0
    let idle = false
    void turns.idle().then(() => (idle = true))
    for (let i = 0; i < 50 && !idle; i++) {
      tasks.shift()?.()
      await settle()
      parts += 1
    }
    expect(idle).toBe(true)
    expect(parts).toBeGreaterThanOrEqual(5)
    turns.finish()
    await settle()
    // The same page; only Vue's generated ids (useId) count the async parts in another order.
    const sameIds = (html: string): string => html.replace(/\bv-\d+-(\d+)/g, 'v-N-$1')
    expect(sameIds(w.html())).toBe(sameIds(expected))
  })
})

