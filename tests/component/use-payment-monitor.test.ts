import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick, ref } from 'vue'
import { usePaymentMonitor, type PaymentMonitorHandle } from '../../src/composables/usePaymentMonitor'
import { PaymentMonitor } from '../../src/core/machine/monitor'
import { MONITOR_DEPENDENCIES, usePaymentMonitorStore } from '../../src/stores/paymentMonitor'
import { CHANNEL_ID, pollBody, statusFrame } from '../support/channel'
import { FakeClock } from '../support/clock'
import { FakeFetch } from '../support/fetch'
import { MemoryStorage, TEST_CONFIG } from '../support/monitor'
import { SocketFactory } from '../support/websocket'

function harness() {
  const clock = new FakeClock()
  const sockets = new SocketFactory()
  const http = new FakeFetch()
  const dependencies = { config: TEST_CONFIG, createSocket: sockets.create, fetch: http.fetch, clock, storage: new MemoryStorage(), random: () => 0.5 }
  const pinia = createPinia()
  setActivePinia(pinia)
  let handle: PaymentMonitorHandle | null = null
  const channelId = ref<string | null>(CHANNEL_ID)
  const Probe = defineComponent({
    setup() {
      handle = usePaymentMonitor(channelId)
      return () => h('div', { 'data-state': handle!.state.value }, handle!.status.value?.code ?? '')
    },
  })
  const mountProbe = () => mount(Probe, { global: { plugins: [pinia], provide: { [MONITOR_DEPENDENCIES as symbol]: dependencies } } })
  return { clock, sockets, http, channelId, mountProbe, handle: () => handle!, pinia }
}

afterEach(() => vi.restoreAllMocks())

describe('usePaymentMonitor', () => {
  it('starts with the component and renders live status', async () => {
    const { mountProbe, sockets, http } = harness()
    const wrapper = mountProbe()
    expect(wrapper.attributes('data-state')).toBe('connecting')
    await http.last.respond({ status: 200, body: pollBody('pending') })
    sockets.last.serverOpen()
    sockets.last.welcome()
    sockets.last.serverSend(statusFrame('confirming'))
    await nextTick()
    expect(wrapper.attributes('data-state')).toBe('open')
    expect(wrapper.text()).toBe('confirming')
  })

  it('returns what the page shows, worked out once: status, network, connection words, title', async () => {
    const { mountProbe, sockets, http, handle } = harness()
    mountProbe()
    await http.last.respond({ status: 200, body: pollBody('pending') })
    sockets.last.serverOpen()
    sockets.last.welcome()
    sockets.last.serverSend(statusFrame('confirming', {}, { confirmations: 1 }))
    await nextTick()
    const view = handle().view.value
    expect(view.payment).toMatchObject({ code: 'confirming', title: 'Confirming your payment', network: 'Bitcoin', stopped: false })
    expect(view.connection).toMatchObject({ state: 'open', label: 'Live' })
    expect(view.statusAnnouncement).toBe('Payment status: Confirming your payment. 1 of 2 confirmations.')
    expect(view.documentTitle).toBe('Confirming your payment · DLUX payment')
  })

  it('keeps the dollar value when the socket goes away and polls carry none', async () => {
    const { mountProbe, sockets, http, handle } = harness()
    mountProbe()
    await http.last.respond({ status: 200, body: pollBody('pending') })
    expect(handle().view.value.payment.amountUsdText).toBeNull()
    sockets.last.serverOpen()
    sockets.last.welcome()
    sockets.last.serverSend(statusFrame('waiting_payment'))
    await nextTick()
    expect(handle().view.value.payment.amountUsdText).toBe('≈ $80.00')
    sockets.last.serverClose(1006)
    await http.last.respond({ status: 200, body: pollBody('confirming', { confirmations: 1 }) })
    await nextTick()
    expect(handle().state.value).toBe('polling')
    expect(handle().status.value?.code).toBe('confirming')
    expect(handle().view.value.payment.amountUsdText).toBe('≈ $80.00')
  })

  it('the component that watches a payment owns its connection: unmount stops it', async () => {
    const { mountProbe, sockets, clock, http } = harness()
    const wrapper = mountProbe()
    sockets.last.serverOpen()
    sockets.last.welcome()
    wrapper.unmount()
    expect(sockets.last.closedWith?.code).toBe(1000)
    expect(clock.pendingTimers).toBe(0)
    expect(http.pending).toHaveLength(0)
    expect(usePaymentMonitorStore().state).toBe('idle')
  })

  it('follows a channel change and makes no request for an invalid channel ID', async () => {
    const { mountProbe, sockets, http, channelId, handle } = harness()
    mountProbe()
    channelId.value = 'bad id <script>'
    await nextTick()
    expect(handle().state.value).toBe('idle')
    expect(sockets.openCount).toBe(0)
    const requests = http.requests.length
    channelId.value = 'fedcba9876543210fedcba9876543210'
    await nextTick()
    expect(http.requests.length).toBe(requests + 1)
    expect(http.last.url).toContain('fedcba9876543210fedcba9876543210')
  })

  it('feeds browser connectivity to the monitor', async () => {
    const { mountProbe, handle } = harness()
    mountProbe()
    window.dispatchEvent(new Event('offline'))
    await nextTick()
    expect(handle().snapshot.value.online).toBe(false)
    window.dispatchEvent(new Event('online'))
    await nextTick()
    expect(handle().snapshot.value.online).toBe(true)
  })

  it('removes every window and document listener it added, over many mounts', () => {
    const added = new Map<string, number>()
    const track = (target: EventTarget) => {
      const add = target.addEventListener.bind(target)
      const remove = target.removeEventListener.bind(target)
      vi.spyOn(target, 'addEventListener').mockImplementation((type, listener, options) => {
        added.set(type, (added.get(type) ?? 0) + 1)
        add(type, listener, options)
      })
      vi.spyOn(target, 'removeEventListener').mockImplementation((type, listener, options) => {
        added.set(type, (added.get(type) ?? 0) - 1)
        remove(type, listener, options)
      })
    }
    track(window)
    track(document)
    const { mountProbe, sockets, clock } = harness()
    for (let i = 0; i < 200; i++) mountProbe().unmount()
    expect([...added.keys()]).toEqual(expect.arrayContaining(['online', 'offline', 'visibilitychange']))
    for (const [type, count] of added) expect(count, type).toBe(0)
    expect(sockets.openCount).toBe(0)
    expect(clock.pendingTimers).toBe(0)
  })

  it('stops when the store is disposed', () => {
    const { mountProbe, sockets } = harness()
    mountProbe()
    const stop = vi.spyOn(PaymentMonitor.prototype, 'stop')
    usePaymentMonitorStore().$dispose()
    expect(stop).toHaveBeenCalled()
    expect(sockets.openCount).toBe(0)
  })

  it('keeps what the store already watches for the same channel: the app starts it before the page mounts', async () => {
    const { mountProbe, sockets, http, pinia } = harness()
    // The first probe makes the store with the test's dependencies and starts the channel.
    const first = mountProbe()
    const store = usePaymentMonitorStore(pinia)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    const requests = http.requests.length
    const socketsMade = sockets.sockets.length
    store.start(CHANNEL_ID) // the same channel again: nothing restarts
    const second = mountProbe() // a second page watching it: nothing restarts either
    await nextTick()
    expect(http.requests.length).toBe(requests)
    expect(sockets.sockets.length).toBe(socketsMade)
    expect(second.text()).toBe('waiting_payment')
    first.unmount() // its scope ends: it stops the connection, so the next start is a new one
    store.start(CHANNEL_ID)
    expect(sockets.sockets.length).toBe(socketsMade + 1)
    second.unmount()
  })
})
