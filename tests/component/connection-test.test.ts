import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ConnectionTest from '../../src/components/connection/ConnectionTest.vue'
import ConnectionDiagnostics from '../../src/components/connection/ConnectionDiagnostics.vue'
import type { ConnectionTestDeps, ConnectionTestResult } from '../../src/core/diagnostics/connectionTest'
import { judgeIdle, judgeWelcome } from '../../src/core/diagnostics/socketVerdicts'
import { verdictLine } from '../../src/core/diagnostics/verdict'
import { FakeClock } from '../support/clock'
import { FakeFetch } from '../support/fetch'
import { SocketFactory } from '../support/websocket'
import { NOW, makeSnapshot, stubClipboard } from './fixtures'

const ENDPOINTS = { wsUrl: 'wss://data.dlux.io/ws/payment-monitor', apiUrl: 'https://data.dlux.io' }
const HOLD = 3000

function fakes() {
  const clock = new FakeClock()
  const sockets = new SocketFactory()
  const fetch = new FakeFetch()
  const deps: ConnectionTestDeps = {
    createWebSocket: sockets.create,
    fetch: fetch.fetch,
    clock,
    online: () => true,
    pageProtocol: 'https:',
    onCspViolation: () => () => undefined,
  }
  return { clock, sockets, fetch, deps }
}

function mountTest(deps: ConnectionTestDeps) {
  return mount(ConnectionTest, {
    props: { endpoints: ENDPOINTS, channelId: null, heartbeatIntervalMs: 25_000, holdMs: HOLD, deps },
    attachTo: document.body,
  })
}

/** Advances the fake clock in steps, letting the runner's awaits and Vue's updates run between them. */
async function pass(clock: FakeClock, ms: number, step = 250): Promise<void> {
  for (let t = 0; t < ms; t += step) {
    clock.advance(Math.min(step, ms - t))
    await flushPromises()
  }
}

describe('ConnectionTest', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('runs on a click, shows progress, then the verdicts in the words of the doctor', async () => {
    const f = fakes()
    const w = mountTest(f.deps)
    const button = w.get('[data-testid="connection-test-start"]')
    expect(button.text()).toBe('Test the connection')
    expect(f.sockets.sockets, 'nothing runs before the click').toHaveLength(0)

    await button.trigger('click')
    await flushPromises()
    expect(button.attributes('disabled')).toBeDefined()
    expect(button.text()).toBe('Testing…')
    expect(w.find('[data-testid="connection-test-progress"]').exists()).toBe(true)
    expect(w.text()).toContain('Opening a test socket')

    const socket = f.sockets.last
    expect(socket.url).toBe(ENDPOINTS.wsUrl)
    socket.serverOpen()
    await flushPromises()
    f.clock.advance(150)
    socket.welcome()
    await flushPromises()
    for (let i = 0; i < 5; i++) {
      f.clock.advance(10)
      socket.serverSend({ type: 'pong' })
      await flushPromises()
    }
    await pass(f.clock, 1000)
    expect(w.text()).toContain('Holding the socket quiet')
    const progress = Number((w.get('[data-testid="connection-test-progress"]').element as HTMLProgressElement).value)
    expect(progress).toBeGreaterThan(0)
    expect(progress).toBeLessThan(1)
    f.clock.advance(1000)
    socket.serverClose(1006)
    await flushPromises()
    await f.fetch.lastPending.respond({ status: 404, body: { success: false, error: 'Payment channel not found' }, headers: { 'content-type': 'application/json' } })
    await flushPromises()

    expect(w.find('[data-testid="connection-test-progress"]').exists()).toBe(false)
    expect(button.text()).toBe('Test again')
    const idle = w.get('[data-check="idle"]')
    expect(idle.attributes()).toMatchObject({ 'data-level': 'fail', 'data-layer': 'proxy' })
    const expected = judgeIdle({ holdMs: 2000, heartbeatIntervalMs: 25_000, quiet: { closedAfterMs: 2000, code: 1006, closeFrame: false, quietBeforeCloseMs: 2000 } })
    expect(idle.text()).toContain(`FAIL idle [proxy] ${expected.summary}`)
    expect(idle.get('.fix').text()).toBe(`fix: ${expected.fix}`)
    expect(w.get('[data-check="upgrade"]').attributes('data-level')).toBe('pass')
    expect(w.get('[data-check="rest"]').attributes('data-level')).toBe('pass')
    expect(w.get('[data-check="upgrade"]').find('.fix').exists(), 'no fix on a pass').toBe(false)

    const results = w.emitted('result') as ConnectionTestResult[][]
    expect(results).toHaveLength(1)
    expect(results[0]?.[0]?.verdicts.map((v) => v.check)).toContain('idle')
  })

  it('announces once at the start and once with the verdict, never the ticking progress', async () => {
    const f = fakes()
    const w = mount(ConnectionTest, {
      props: { endpoints: ENDPOINTS, channelId: null, heartbeatIntervalMs: 15_000, deps: f.deps },
      attachTo: document.body,
    })
    // The default hold: a second past the heartbeat interval (the whole test within about 20 s).
    expect(w.text()).toContain('holds it quiet for 16 s')
    const announcer = w.get('[data-testid="connection-test-announcer"]')
    expect(announcer.attributes('role')).toBe('status')
    const said: string[] = []
    const observer = new MutationObserver(() => said.push(announcer.text()))
    observer.observe(announcer.element, { subtree: true, characterData: true, childList: true })
    expect(w.findAll('[role="status"]')).toHaveLength(1)

    await w.get('[data-testid="connection-test-start"]').trigger('click')
    await flushPromises()
    const socket = f.sockets.last
    socket.serverOpen()
    await flushPromises()
    socket.welcome()
    await flushPromises()
    for (let i = 0; i < 5; i++) {
      socket.serverSend({ type: 'pong' })
      await flushPromises()
    }
    await pass(f.clock, 18_000, 500)
    await f.fetch.lastPending.respond({ status: 404, body: { success: false, error: 'Payment channel not found' }, headers: { 'content-type': 'application/json' } })
    await flushPromises()
    observer.disconnect()
    expect(w.find('[data-testid="connection-test-verdicts"]').exists()).toBe(true)
    const distinct = [...new Set(said.filter((t) => t !== ''))]
    expect(distinct).toEqual(['Testing the connection, about 19 s.', expect.stringMatching(/^Connection test done: /)])
    expect(w.findAll('[role="status"]'), 'the progress label is not a live region').toHaveLength(1)
  })

  it('cancels on request and when unmounted, closing its own socket', async () => {
    const f = fakes()
    const w = mountTest(f.deps)
    await w.get('[data-testid="connection-test-start"]').trigger('click')
    await flushPromises()
    f.sockets.last.serverOpen()
    await flushPromises()
    await w.get('[data-testid="connection-test-cancel"]').trigger('click')
    await flushPromises()
    expect(f.sockets.last.closedWith?.code).toBe(1000)
    expect(w.get('[data-testid="connection-test-start"]').text()).toBe('Test again')

    await w.get('[data-testid="connection-test-start"]').trigger('click')
    await flushPromises()
    const second = f.sockets.last
    expect(f.sockets.sockets).toHaveLength(2)
    w.unmount()
    await flushPromises()
    expect(second.closedWith?.code).toBe(1000)
    expect(f.clock.pendingTimers, 'no timer outlives the component').toBe(0)
  })

  it('renders server text as text', async () => {
    const f = fakes()
    const hostile = '<img src=x onerror="window.__pwned=1">'
    const w = mount(ConnectionTest, {
      props: { endpoints: ENDPOINTS, channelId: '0123456789abcdef0123456789abcdef', heartbeatIntervalMs: 25_000, holdMs: HOLD, deps: f.deps },
      attachTo: document.body,
    })
    await w.get('[data-testid="connection-test-start"]').trigger('click')
    await flushPromises()
    f.sockets.last.serverOpen()
    await flushPromises()
    f.sockets.last.welcome()
    await flushPromises()
    f.sockets.last.serverSend({ type: 'error', message: hostile })
    await flushPromises()
    f.sockets.last.serverClose(1006)
    await pass(f.clock, 1000)
    await f.fetch.lastPending.respond({ status: 502, body: hostile, headers: { 'content-type': 'text/html' } })
    await flushPromises()
    expect(w.get('[data-check="subscribe"]').text()).toContain(`the server says: ${hostile}`)
    expect(w.find('img').exists()).toBe(false)
    expect(w.get('[data-check="rest"]').attributes('data-layer')).toBe('backend')
  })
})

describe('the diagnostics panel with the connection test', () => {
  let copied: string[]
  beforeEach(() => {
    copied = stubClipboard()
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('gives the test the endpoints and channel the monitor uses, and puts its verdicts in the report', async () => {
    const snapshot = makeSnapshot({ channelId: '0123456789abcdef0123456789abcdef', heartbeatIntervalMs: 3000 })
    const w = mount(ConnectionDiagnostics, {
      props: { snapshot, env: { pageOrigin: 'https://vue.dlux.io', pageProtocol: 'https:', userAgent: 'test', embedded: false }, now: NOW, summary: 'Updating every 5 s' },
      attachTo: document.body,
    })
    const details = w.get('details').element as HTMLDetailsElement
    details.open = true
    await w.get('details').trigger('toggle')
    await vi.waitUntil(() => w.findComponent(ConnectionTest).exists(), { timeout: 3000 })
    const test = w.findComponent(ConnectionTest)
    expect(test.props()).toMatchObject({ endpoints: snapshot.endpoints, channelId: snapshot.channelId, heartbeatIntervalMs: 3000 })

    const flap = judgeWelcome({ openMs: 40, welcomeAfterOpenMs: 150, closed: { code: 1006, afterOpenMs: 233 } })
    test.vm.$emit('result', { verdicts: [flap], startedAt: NOW, ms: 1234, cancelled: false } satisfies ConnectionTestResult)
    await w.get('[data-testid="copy-report"]').trigger('click')
    await flushPromises()
    await vi.waitUntil(() => copied.length > 0)
    expect(copied[0]).toContain('## Connection test')
    expect(copied[0]).toContain(verdictLine(flap))
  })
})
