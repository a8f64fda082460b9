import { describe, expect, it } from 'vitest'
import {
  ConnectionTest,
  type ConnectionTestDeps,
  type ConnectionTestProgress,
  type ConnectionTestResult,
} from '../../src/core/diagnostics/connectionTest'
import type { Verdict } from '../../src/core/diagnostics/verdict'
import { FakeClock } from '../support/clock'
import { FakeFetch, flush } from '../support/fetch'
import { SocketFactory, type FakeWebSocket } from '../support/websocket'

const WS = 'wss://data.dlux.io/ws/payment-monitor'
const API = 'https://data.dlux.io'
const CHANNEL = '0123456789abcdef0123456789abcdef'
const HOLD = 60_000

/** Lets the runner's chained awaits run to their next wait. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await flush()
}

function setup(overrides: Partial<ConnectionTestDeps> = {}, channelId: string | null = CHANNEL, wsUrl = WS) {
  const clock = new FakeClock()
  const sockets = new SocketFactory()
  const fetch = new FakeFetch()
  const csp: { listener: ((url: string) => void) | null } = { listener: null }
  const deps: ConnectionTestDeps = {
    createWebSocket: sockets.create,
    fetch: fetch.fetch,
    clock,
    online: () => true,
    pageProtocol: 'https:',
    onCspViolation: (listener) => {
      csp.listener = listener
      return () => {
        csp.listener = null
      }
    },
    ...overrides,
  }
  const test = new ConnectionTest(deps)
  const progress: ConnectionTestProgress[] = []
  let result: ConnectionTestResult | null = null
  const running = test.run({ wsUrl, apiUrl: API, channelId, holdMs: HOLD }, (p) => progress.push(p)).then((r) => (result = r))
  return { clock, sockets, fetch, csp, test, progress, running, result: () => result }
}

type Setup = ReturnType<typeof setup>

async function openAndWelcome(s: Setup): Promise<FakeWebSocket> {
  const socket = s.sockets.last
  s.clock.advance(40)
  socket.serverOpen()
  await settle()
  s.clock.advance(150)
  socket.welcome()
  await settle()
  return socket
}

async function answerSubscribe(s: Setup, socket: FakeWebSocket): Promise<void> {
  expect(socket.sentOfType('subscribe')).toEqual([{ type: 'subscribe', channelId: CHANNEL }])
  s.clock.advance(5)
  socket.serverSend({ type: 'status_update', channelId: CHANNEL, status: 'confirming' })
  await settle()
}

async function answerPings(s: Setup, socket: FakeWebSocket, count = 5, rttMs = 12): Promise<void> {
  for (let i = 0; i < count; i++) {
    expect(socket.sentOfType('ping')).toHaveLength(i + 1)
    s.clock.advance(rttMs)
    socket.serverSend({ type: 'pong', timestamp: new Date().toISOString() })
    await settle()
  }
}

/** Advances in one-second steps, letting the runner react between them. */
async function pass(s: Setup, ms: number): Promise<void> {
  for (let t = 0; t < ms; t += 1000) {
    s.clock.advance(Math.min(1000, ms - t))
    await settle()
  }
}

async function answerRest(s: Setup, status = 200, body: object | string = { success: true, channel: { status: 'confirming' } }): Promise<ConnectionTestResult> {
  await settle()
  await s.fetch.lastPending.respond({ status, body, headers: { 'content-type': typeof body === 'string' ? 'text/html' : 'application/json' } })
  await s.running
  const result = s.result()
  if (!result) throw new Error('the test did not finish')
  return result
}

const byCheck = (result: ConnectionTestResult, check: Verdict['check']) => result.verdicts.find((v) => v.check === check)

describe('the in-page connection test', () => {
  it('runs every check on a healthy path and leaves nothing behind', async () => {
    const s = setup()
    const socket = await openAndWelcome(s)
    await answerSubscribe(s, socket)
    expect(socket.sentOfType('unsubscribe'), 'unsubscribed before the quiet hold').toHaveLength(1)
    await answerPings(s, socket)
    await pass(s, 1000)
    const sentBeforeHold = socket.sent.length
    await pass(s, HOLD)
    expect(socket.sent.length, 'the hold is quiet').toBe(sentBeforeHold)
    expect(socket.closedWith).toEqual({ code: 1000, reason: 'connection test done' })
    expect(s.fetch.last.url).toBe(`${API}/api/onboarding/payment/status/${CHANNEL}`)
    const result = await answerRest(s)

    expect(result.verdicts.map((v) => [v.check, v.level])).toEqual([
      ['online', 'pass'],
      ['mixed-content', 'pass'],
      ['csp', 'pass'],
      ['upgrade', 'pass'],
      ['subscribe', 'pass'],
      ['welcome', 'pass'],
      ['rtt', 'pass'],
      ['idle', 'pass'],
      ['rest', 'pass'],
    ])
    expect(byCheck(result, 'welcome')?.summary).toBe('open in 40 ms, welcome 150 ms after open')
    expect(byCheck(result, 'rtt')?.summary).toBe('median 12 ms over 5 of 5 pings')
    expect(byCheck(result, 'subscribe')?.summary).toBe('first status_update: confirming after 5 ms')
    expect(result.cancelled).toBe(false)
    expect(s.sockets.sockets, 'one socket of its own').toHaveLength(1)
    expect(s.clock.pendingTimers, 'no timer left').toBe(0)
    expect(s.csp.listener, 'CSP listener removed').toBeNull()
    const fractions = s.progress.map((p) => p.fraction)
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b))
    expect(s.progress.at(-1)).toMatchObject({ phase: 'done', fraction: 1 })
    expect(s.progress.some((p) => p.label === 'Holding the socket quiet: 30 of 60 s')).toBe(true)
  })

  it('names the production flap: 1006 some 233 ms after open', async () => {
    const s = setup({}, null)
    const socket = await openAndWelcome(s)
    s.clock.advance(83)
    socket.serverClose(1006)
    await settle()
    const result = await answerRest(s, 404, { success: false, error: 'Payment channel not found' })
    expect(byCheck(result, 'welcome')).toMatchObject({ level: 'fail', layer: 'proxy', cause: 'flap' })
    expect(byCheck(result, 'welcome')?.summary).toContain('233 ms after open')
    expect(byCheck(result, 'idle'), 'no hold on a dead socket').toBeUndefined()
    expect(byCheck(result, 'rest')?.level, 'the unknown channel asked on purpose').toBe('pass')
    expect(s.fetch.last.url).toContain('/status/00000000000000000000000000000000')
  })

  it('finds an idle timeout during the quiet hold and stops holding', async () => {
    const s = setup()
    const socket = await openAndWelcome(s)
    await answerSubscribe(s, socket)
    await answerPings(s, socket)
    await pass(s, 1000)
    // Two seconds after the last pong: the quiet time is counted from the last frame either way.
    s.clock.advance(1000)
    socket.serverClose(1006)
    await settle()
    expect(s.fetch.pending, 'the REST check starts at once').toHaveLength(1)
    const result = await answerRest(s)
    expect(byCheck(result, 'idle')).toMatchObject({ level: 'fail', layer: 'proxy', cause: 'idle-timeout' })
    expect(byCheck(result, 'idle')?.summary).toBe('held 2.0 s: quiet socket dropped without a close frame 1006 after 2.0 s')
  })

  it('reports a handshake that never answers as held on the path', async () => {
    const s = setup()
    await pass(s, 5000)
    const result = await answerRest(s)
    expect(byCheck(result, 'upgrade')).toMatchObject({ level: 'fail', layer: 'firewall', cause: 'handshake-stalled' })
    expect(byCheck(result, 'welcome')).toBeUndefined()
    expect(s.sockets.last.closedWith?.code, 'the hanging socket is closed').toBe(1000)
  })

  it('reports a refused upgrade (1006 before open)', async () => {
    const s = setup()
    s.clock.advance(30)
    s.sockets.last.serverClose(1006)
    await settle()
    const result = await answerRest(s)
    expect(byCheck(result, 'upgrade')).toMatchObject({ level: 'fail', cause: 'upgrade-refused' })
    expect(byCheck(result, 'upgrade')?.summary).toContain('closed with 1006 before opening')
  })

  it('reports a socket the browser would not even create', async () => {
    const s = setup({
      createWebSocket: () => {
        throw new Error('SecurityError: insecure WebSocket from an https page')
      },
    }, CHANNEL, 'ws://data.dlux.io/ws/payment-monitor')
    const result = await answerRest(s)
    expect(byCheck(result, 'upgrade')?.summary).toContain('SecurityError')
    expect(byCheck(result, 'mixed-content')).toMatchObject({ level: 'fail', layer: 'browser', cause: 'mixed-content' })
  })

  it('adds offline and CSP blocks seen while it ran', async () => {
    const s = setup({ online: () => false })
    s.csp.listener?.('wss://data.dlux.io')
    await pass(s, 5000)
    const result = await answerRest(s)
    expect(byCheck(result, 'online')).toMatchObject({ level: 'fail', cause: 'offline' })
    expect(byCheck(result, 'csp')).toMatchObject({ level: 'fail', layer: 'browser', cause: 'csp-blocked' })
    expect(byCheck(result, 'csp')?.summary).toContain('wss://data.dlux.io')
  })

  it('judges the REST answer: a proxy error page, a network error, no answer', async () => {
    const s1 = setup()
    await pass(s1, 5000)
    expect(byCheck(await answerRest(s1, 502, '<html>Bad Gateway</html>'), 'rest')).toMatchObject({ level: 'fail', layer: 'backend' })

    const s2 = setup()
    await pass(s2, 5000)
    await settle()
    await s2.fetch.lastPending.fail(new TypeError('Failed to fetch'))
    await s2.running
    expect(byCheck(s2.result() as ConnectionTestResult, 'rest')).toMatchObject({ level: 'fail', layer: 'rest', cause: 'rest-unreachable' })

    const s3 = setup()
    await pass(s3, 5000)
    await pass(s3, 5000)
    await s3.running
    expect(byCheck(s3.result() as ConnectionTestResult, 'rest')?.summary).toContain('no answer within 5 s')
    expect(s3.clock.pendingTimers).toBe(0)
  })

  it('stops at once when cancelled, closing its socket', async () => {
    const s = setup()
    const socket = await openAndWelcome(s)
    await answerSubscribe(s, socket)
    await answerPings(s, socket)
    await pass(s, 3000)
    s.test.cancel()
    await settle()
    await s.running
    const result = s.result() as ConnectionTestResult
    expect(result.cancelled).toBe(true)
    expect(socket.closedWith?.code).toBe(1000)
    expect(s.fetch.requests, 'no REST request after a cancel').toHaveLength(0)
    expect(s.clock.pendingTimers).toBe(0)
    expect(s.progress.at(-1)?.label).toBe('Cancelled')
  })
})
