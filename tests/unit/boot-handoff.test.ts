/**
 * The entry's pre-started socket and status request, handed to the monitor: the socket replays
 * what it missed in order and then behaves as a fresh one; each is used once, only while fresh,
 * and the request honours the caller's AbortSignal.
 */
import { describe, expect, it } from 'vitest'
import { adoptingFetch, adoptingSocket } from '../../src/core/prestart/handoff'
import { PRESTART_FRESH_MS, prestart, type Prestarted } from '../../src/core/prestart/prestart'
import { PaymentMonitor } from '../../src/core/machine/monitor'
import { API_PATHS } from '../../src/core/protocol/messages'
import { CHANNEL_ID, pollBody, statusFrame } from '../support/channel'
import { FakeClock } from '../support/clock'
import { FakeFetch, flush } from '../support/fetch'
import { TEST_CONFIG } from '../support/monitor'
import { SocketFactory } from '../support/websocket'

const WS_URL = TEST_CONFIG.wsUrl
const STATUS_URL = TEST_CONFIG.apiUrl + API_PATHS.status(CHANNEL_ID)

function setup() {
  const clock = new FakeClock()
  const sockets = new SocketFactory()
  const http = new FakeFetch()
  const pending: Prestarted = { socket: null, request: null }
  prestart(WS_URL, STATUS_URL, { createSocket: sockets.create, fetch: http.fetch, now: () => clock.monotonic(), setTimeout: (cb, ms) => clock.setTimeout(cb, ms) }, pending)
  const now = () => clock.monotonic()
  return { clock, sockets, http, pending, createSocket: adoptingSocket(sockets.create, pending, now), fetch: adoptingFetch(http.fetch, pending, now) }
}

/** Attaches handlers that log every event, as the websocket transport attaches its own. */
function listen(socket: ReturnType<ReturnType<typeof adoptingSocket>>) {
  const seen: string[] = []
  socket.onopen = () => seen.push(`open@${socket.readyState}`)
  socket.onmessage = (e) => seen.push(`message:${String(e.data)}@${socket.readyState}`)
  socket.onerror = () => seen.push(`error@${socket.readyState}`)
  socket.onclose = (e) => seen.push(`close:${e.code}@${socket.readyState}`)
  return seen
}

describe('pre-started socket', () => {
  it('is created at once with the status request, before anything adopts them', () => {
    const { sockets, http } = setup()
    expect(sockets.sockets.map((s) => s.url)).toEqual([WS_URL])
    expect(http.requests.map((r) => [r.url, r.method])).toEqual([[STATUS_URL, 'GET']])
  })

  it('replays open, welcome, error and close in order once the handlers are attached, with the readyState of that moment', async () => {
    const { sockets, createSocket } = setup()
    const real = sockets.last
    real.serverOpen()
    real.serverSend('welcome')
    real.serverClose(1006)
    const adopted = createSocket(WS_URL)
    const seen = listen(adopted)
    expect(seen, 'nothing before the handlers are all in place').toEqual([])
    expect(adopted.readyState).toBe(0)
    await flush()
    expect(seen).toEqual(['open@1', 'message:welcome@1', 'error@1', 'close:1006@3'])
    expect(sockets.sockets).toHaveLength(1)
  })

  it('passes later events straight through, after the buffered ones', async () => {
    const { sockets, createSocket } = setup()
    const real = sockets.last
    real.serverOpen()
    const adopted = createSocket(WS_URL)
    const seen = listen(adopted)
    await flush()
    real.serverSend('welcome')
    adopted.send('{"type":"subscribe"}')
    expect(seen).toEqual(['open@1', 'message:welcome@1'])
    expect(real.sent).toEqual([{ type: 'subscribe' }])
    real.serverClose(1012, 'restart')
    expect(seen.at(-1)).toBe('close:1012@3')
  })

  it('closes the real socket when its adopter closes it, and delivers nothing but the close afterwards', async () => {
    const { sockets, createSocket } = setup()
    const real = sockets.last
    real.serverOpen()
    real.serverSend('welcome')
    const adopted = createSocket(WS_URL)
    const seen = listen(adopted)
    adopted.close(4000, 'connect timeout')
    await flush()
    expect(real.closedWith).toEqual({ code: 4000, reason: 'connect timeout' })
    expect(seen).toEqual([])
    expect(adopted.readyState).toBe(3)
  })

  it('is handed over once; a second socket for the same URL is a new one', () => {
    const { sockets, createSocket } = setup()
    const first = createSocket(WS_URL)
    const second = createSocket(WS_URL)
    expect(first).not.toBe(sockets.sockets[1])
    expect(second).toBe(sockets.sockets[1])
    expect(sockets.sockets).toHaveLength(2)
  })

  it('is not handed to a call for another URL', () => {
    const { sockets, createSocket } = setup()
    const other = createSocket('wss://other.example/ws')
    expect(other).toBe(sockets.last)
    expect(sockets.sockets).toHaveLength(2)
    expect(createSocket(WS_URL)).not.toBe(sockets.last)
  })

  it('is closed, not handed over, when the adopter comes too late', () => {
    const { sockets, clock, createSocket } = setup()
    const real = sockets.last
    // A throttled tab: the window has passed but the entry's release timer has not run yet.
    clock.jump(PRESTART_FRESH_MS)
    expect(createSocket(WS_URL)).toBe(sockets.sockets[1])
    expect(real.closedWith?.code).toBe(1000)
  })

  it('is left alone by the release timer once adopted, as is the adopted request', async () => {
    const { sockets, http, clock, createSocket, fetch } = setup()
    const adopted = createSocket(WS_URL)
    void fetch(STATUS_URL, { headers: { Accept: 'application/json' } })
    clock.advance(PRESTART_FRESH_MS)
    await flush()
    expect(sockets.last.closedWith ?? null).toBeNull()
    expect(adopted.readyState).not.toBe(3)
    expect(http.last.signal?.aborted).toBe(false)
  })

  it('is released after the freshness window when nothing adopts it', () => {
    const { sockets, http, clock, pending } = setup()
    clock.advance(PRESTART_FRESH_MS)
    expect(sockets.last.closedWith?.code).toBe(1000)
    expect(http.last.signal?.aborted).toBe(true)
    expect(pending).toEqual({ socket: null, request: null })
  })
})

describe('pre-started status request', () => {
  it('hands its response to the first GET of the same URL, and only to that one', async () => {
    const { http, fetch } = setup()
    const adopted = fetch(STATUS_URL, { headers: { Accept: 'application/json' } })
    await http.last.respond({ status: 200, body: pollBody('pending') })
    expect((await adopted).status).toBe(200)
    void fetch(STATUS_URL, {})
    expect(http.requests).toHaveLength(2)
  })

  it('is not handed to another URL or another method', () => {
    const { http, fetch } = setup()
    void fetch(`${STATUS_URL}x`, {})
    void fetch(STATUS_URL, { method: 'POST', body: '{}' })
    expect(http.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'POST'])
    void fetch(STATUS_URL, {})
    expect(http.requests).toHaveLength(3)
  })

  it('aborts when the adopter’s signal aborts', async () => {
    const { http, fetch } = setup()
    const controller = new AbortController()
    const adopted = fetch(STATUS_URL, { signal: controller.signal })
    controller.abort()
    await expect(adopted).rejects.toThrow(/abort/i)
    expect(http.requests[0]?.signal?.aborted).toBe(true)
  })

  it('is not handed to a caller whose signal is already aborted', () => {
    const { http, fetch } = setup()
    const controller = new AbortController()
    controller.abort()
    // It goes to the real fetch, which rejects an aborted signal at once (the fake only records it).
    void fetch(STATUS_URL, { signal: controller.signal })
    expect(http.requests).toHaveLength(2)
    expect(http.requests[1]?.signal?.aborted).toBe(true)
    expect(http.requests[0]?.signal?.aborted).toBe(true)
  })

  it('is stale after the freshness window: a new request goes out and the old one is aborted', () => {
    const { http, clock, fetch } = setup()
    clock.jump(PRESTART_FRESH_MS)
    void fetch(STATUS_URL, {})
    expect(http.requests).toHaveLength(2)
    expect(http.requests[0]?.signal?.aborted).toBe(true)
  })
})

describe('the monitor on pre-started requests', () => {
  it('shows the pre-started answer and subscribes on the pre-started socket: no second request, no second socket', async () => {
    const { clock, sockets, http, createSocket, fetch } = setup()
    const real = sockets.last
    real.serverOpen()
    real.welcome()
    await http.last.respond({ status: 200, body: pollBody('pending') })
    const monitor = new PaymentMonitor({ config: TEST_CONFIG, createSocket, fetch, clock, random: () => 0.5 })
    monitor.start(CHANNEL_ID)
    await flush()
    expect(sockets.sockets).toHaveLength(1)
    expect(http.requests).toHaveLength(1)
    expect(real.sentOfType('subscribe')).toEqual([{ type: 'subscribe', channelId: CHANNEL_ID }])
    expect(monitor.getSnapshot().status?.code).toBe('waiting_payment')
    real.serverSend(statusFrame('waiting_payment'))
    expect(monitor.getSnapshot().state).toBe('open')
    monitor.stop()
    expect(real.isClosed).toBe(true)
  })

  it('polls one period after the pre-started request was sent, so no gap after the first screen’s answer is longer than a period', async () => {
    const { clock, sockets, http, createSocket, fetch } = setup()
    clock.advance(40)
    await http.last.respond({ status: 200, body: pollBody('pending') }) // the first screen shows this at 40 ms
    sockets.last.serverClose(1006) // upgrade refused, replayed at adoption
    clock.advance(900) // the app loads
    const monitor = new PaymentMonitor({ config: TEST_CONFIG, createSocket, fetch, clock, random: () => 0.5 })
    monitor.start(CHANNEL_ID)
    await flush()
    expect(monitor.getSnapshot().state).toBe('polling')
    expect(http.requests).toHaveLength(1)
    clock.advance(5000 - 940 - 1)
    expect(http.requests).toHaveLength(1)
    clock.advance(1) // 5 s after the pre-started request went out, 4.96 s after its answer
    expect(http.requests).toHaveLength(2)
    monitor.stop()
  })

  it('counts a pre-started 503’s Retry-After from when it arrived, not from when the app adopted it', async () => {
    const { clock, sockets, http, createSocket, fetch } = setup()
    await http.last.respond({ status: 503, body: '', headers: { 'Retry-After': '1' } })
    // The upgrade is refused too (a restarting server): 1006 before open, replayed at adoption.
    sockets.last.serverClose(1006)
    // The app loads and adopts the answer 400 ms after it arrived.
    clock.advance(400)
    const monitor = new PaymentMonitor({ config: TEST_CONFIG, createSocket, fetch, clock, random: () => 0.5 })
    monitor.start(CHANNEL_ID)
    await flush()
    expect(http.requests).toHaveLength(1)
    // One second after the answer arrived (plus at most 10 ms of jitter), not 1.4 s.
    clock.advance(611)
    await flush()
    expect(http.requests.length).toBeGreaterThanOrEqual(2)
    expect(http.last.url).toBe(STATUS_URL)
    monitor.stop()
  })
})
