import { describe, expect, it } from 'vitest'
import { CHANNEL_ID, pollBody, statusFrame } from '../support/channel'
import { flush } from '../support/fetch'
import { MemoryStorage, createTestMonitor } from '../support/monitor'
import type { FakeWebSocket } from '../support/websocket'

function bringUp(socket: FakeWebSocket, status = 'waiting_payment') {
  socket.serverOpen()
  socket.welcome()
  socket.serverSend(statusFrame(status))
}

describe('connection policy', () => {
  it('asks HTTP at once, in parallel with the first socket attempt', async () => {
    const { monitor, http, sockets } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    expect(monitor.getSnapshot().state).toBe('connecting')
    expect(http.requests).toHaveLength(1)
    expect(sockets.sockets).toHaveLength(1)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    expect(monitor.getSnapshot().status?.code).toBe('waiting_payment')
    expect(monitor.getSnapshot().state).toBe('connecting')
  })

  it('goes open only once a welcomed socket has delivered a status, then stops polling', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    sockets.last.serverOpen()
    sockets.last.welcome()
    expect(monitor.getSnapshot().state).toBe('connecting')
    sockets.last.serverSend(statusFrame('waiting_payment'))
    expect(monitor.getSnapshot()).toMatchObject({ state: 'open', transport: 'websocket' })
    clock.advance(24000) // up to the first heartbeat: no HTTP while the socket delivers
    expect(http.requests).toHaveLength(1)
  })

  it.each([
    ['a refused upgrade (1006, never open)', (s: FakeWebSocket) => s.serverClose(1006)],
    ['an abnormal close after the welcome (the production flap)', (s: FakeWebSocket) => { s.serverOpen(); s.welcome(); s.serverClose(1006) }],
    ['a close the app did not ask for (1011)', (s: FakeWebSocket) => { bringUp(s); s.serverClose(1011, 'Internal error') }],
  ])('falls back to polling at once on %s', async (_name, fail) => {
    const { monitor, http, sockets } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    fail(sockets.last)
    const snapshot = monitor.getSnapshot()
    expect(snapshot).toMatchObject({ state: 'polling', transport: 'polling' })
    expect(http.requests).toHaveLength(2) // entering polling asks HTTP again, no gap
    expect(snapshot.nextSocketAttemptAt).not.toBeNull()
  })

  it('counts a handshake that never completes as failed, closes it, and polls', () => {
    const { monitor, sockets, clock, http } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    clock.advance(5000)
    expect(sockets.last.isClosed).toBe(true)
    const snapshot = monitor.getSnapshot()
    expect(snapshot.state).toBe('polling')
    expect(snapshot.lastCloseCode).toBeNull() // our own close does not count
    expect(snapshot.attempts[0]).toMatchObject({ clientReason: 'connect timeout', failed: true })
    expect(http.requests.length).toBeGreaterThanOrEqual(1)
  })

  it('keeps probing the socket in the background with growing, capped backoff, for the life of the page', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor({ random: () => 1 - 1e-9 })
    monitor.start(CHANNEL_ID)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    const delays: number[] = []
    for (let i = 0; i < 12; i++) {
      const socket = sockets.last
      socket.serverOpen()
      socket.welcome()
      clock.advance(233)
      socket.serverClose(1006)
      const next = monitor.getSnapshot().nextSocketAttemptAt
      expect(next).not.toBeNull()
      delays.push(next! - clock.now())
      clock.advance(next! - clock.now())
      for (const request of http.pending) await request.respond({ status: 200, body: pollBody('pending') })
    }
    expect(delays.slice(0, 6)).toEqual([2000, 4000, 8000, 16000, 32000, 60000])
    expect(Math.max(...delays)).toBe(60000)
    expect(sockets.sockets).toHaveLength(13)
    expect(monitor.getSnapshot()).toMatchObject({ state: 'polling', lastCloseCode: 1006, wsAttempts: 13 })
  })

  it('keeps polling until a probe socket is welcomed and delivers a status', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor({ random: () => 0 })
    monitor.start(CHANNEL_ID)
    sockets.last.serverClose(1006)
    for (const request of http.pending) await request.respond({ status: 200, body: pollBody('pending') })
    clock.advance(monitor.getSnapshot().nextSocketAttemptAt! - clock.now())
    const probe = sockets.last
    probe.serverOpen()
    probe.welcome()
    expect(monitor.getSnapshot().state).toBe('polling')
    const before = http.requests.length
    await http.lastPending.respond({ status: 200, body: pollBody('pending') }) // reconnect asks HTTP too
    clock.advance(5000)
    expect(http.requests.length).toBeGreaterThan(before) // still polling
    probe.serverSend(statusFrame('waiting_payment'))
    expect(monitor.getSnapshot()).toMatchObject({ state: 'open', transport: 'websocket', nextPollAt: null })
    for (const request of http.pending) await request.respond({ status: 200, body: pollBody('pending') })
    const settled = http.requests.length
    clock.advance(15000) // short of the heartbeat deadline, which this fake server would miss
    expect(http.requests.length).toBe(settled)
  })

  it('treats a heartbeat timeout like any abnormal close: polls and reconnects', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor({ random: () => 0 })
    monitor.start(CHANNEL_ID)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    bringUp(sockets.last)
    clock.advance(25000 + 10000) // ping, then silence
    const snapshot = monitor.getSnapshot()
    expect(snapshot.state).toBe('polling')
    expect(snapshot.attempts.at(-1)).toMatchObject({ clientReason: 'heartbeat timeout' })
    expect(snapshot.nextSocketAttemptAt).not.toBeNull()
    clock.advance(snapshot.nextSocketAttemptAt! - clock.now())
    expect(sockets.sockets).toHaveLength(2)
  })

  it('resets the backoff after a socket proved healthy, so a restart reconnects quickly', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor({ random: () => 1 - 1e-9 })
    monitor.start(CHANNEL_ID)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    sockets.last.serverClose(1006)
    clock.advance(monitor.getSnapshot().nextSocketAttemptAt! - clock.now()) // backoff at 2 s
    sockets.last.serverClose(1006) // now at 4 s
    clock.advance(monitor.getSnapshot().nextSocketAttemptAt! - clock.now())
    bringUp(sockets.last)
    clock.advance(10000)
    sockets.last.serverSend(statusFrame('waiting_payment'))
    sockets.last.serverClose(1006)
    expect(monitor.getSnapshot().nextSocketAttemptAt! - clock.now()).toBe(2000)
  })

  it('after a server restart (1012), polls at once but spread over one period, and reconnects within the restart window', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor({ random: () => 0.5 })
    monitor.start(CHANNEL_ID)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    bringUp(sockets.last)
    clock.advance(10000)
    sockets.last.serverClose(1012, 'Service restart')
    const snapshot = monitor.getSnapshot()
    expect(snapshot).toMatchObject({ state: 'polling', transport: 'polling' })
    expect(http.requests).toHaveLength(1)
    expect(snapshot.nextPollAt! - clock.now()).toBe(2500) // half of the 5 s period
    expect(snapshot.nextSocketAttemptAt! - clock.now()).toBe(3500) // the middle of 1–6 s
    clock.advance(2500)
    expect(http.requests).toHaveLength(2)
  })

  it('ignores a late 1006 from an old socket', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor({ random: () => 0 })
    monitor.start(CHANNEL_ID)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    const old = sockets.last
    const oldOnClose = old.onclose
    monitor.retry() // app closes the old socket and opens a new one
    bringUp(sockets.last)
    oldOnClose?.({ code: 1006, reason: '', wasClean: false })
    clock.advance(1)
    expect(monitor.getSnapshot()).toMatchObject({ state: 'open', lastCloseCode: null })
  })

  it('honours a Retry-After while polling, whatever asks for the next request', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor({ random: () => 0 })
    monitor.start(CHANNEL_ID)
    await http.last.respond({ status: 503, body: '<html>busy</html>', headers: { 'Retry-After': '20', 'Content-Type': 'text/html' } })
    sockets.last.serverClose(1006) // entering polling would ask HTTP now
    expect(http.requests).toHaveLength(1)
    monitor.setOnline(false)
    monitor.setOnline(true) // so would coming back online
    expect(http.requests).toHaveLength(1)
    clock.advance(20000)
    expect(http.requests).toHaveLength(2)
  })

  it('settles "not found" on one 404: failed, socket closed, at most one check a minute', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    bringUp(sockets.last)
    await http.last.respond({ status: 404, body: { success: false, error: 'Payment channel not found' } })
    expect(monitor.getSnapshot()).toMatchObject({ state: 'failed', notFound: true, failureReason: 'not_found', transport: 'none' })
    expect(sockets.last.closedWith?.code).toBe(1000)
    for (let minute = 0; minute < 5; minute++) {
      clock.advance(60000)
      for (const request of http.pending) await request.respond({ status: 404, body: { success: false, error: 'Payment channel not found' } })
    }
    expect(http.requests.length).toBeLessThanOrEqual(6)
    expect(sockets.sockets).toHaveLength(1)
  })

  it('checks over HTTP when the socket says the channel is not found', async () => {
    const { monitor, http, sockets } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    sockets.last.serverOpen()
    sockets.last.welcome()
    sockets.last.serverSend({ type: 'error', message: 'Payment channel not found', channelId: CHANNEL_ID, timestamp: new Date().toISOString() })
    expect(http.requests).toHaveLength(2)
    await http.last.respond({ status: 404, body: { success: false, error: 'Payment channel not found' } })
    expect(monitor.getSnapshot().notFound).toBe(true)
  })

  it('pauses while offline and refreshes at once when back online', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor({ random: () => 0 })
    monitor.start(CHANNEL_ID)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    sockets.last.serverClose(1006)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    monitor.setOnline(false)
    const requests = http.requests.length
    const socketCount = sockets.sockets.length
    clock.advance(120000)
    expect(http.requests.length).toBe(requests)
    expect(sockets.sockets.length).toBe(socketCount)
    monitor.setOnline(true)
    expect(http.requests.length).toBe(requests + 1)
    expect(sockets.sockets.length).toBe(socketCount + 1)
  })

  it('refreshes at once when the tab becomes visible again', async () => {
    const { monitor, http, sockets } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    bringUp(sockets.last)
    monitor.setVisible(false)
    monitor.setVisible(true)
    expect(http.requests).toHaveLength(2)
  })

  it('discards a poll answer that was requested before a newer socket update', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    const slowPoll = http.last
    clock.advance(300)
    bringUp(sockets.last, 'confirming')
    clock.advance(2000)
    await slowPoll.respond({ status: 200, body: pollBody('pending') })
    expect(monitor.getSnapshot().status?.code).toBe('confirming')
    expect(monitor.getSnapshot().events.some((e) => e.message.includes('Discarded poll waiting_payment'))).toBe(true)
  })

  it('at a terminal status closes the socket with 1000, stops polling and goes idle', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    bringUp(sockets.last)
    sockets.last.serverSend(statusFrame('completed'))
    expect(monitor.getSnapshot()).toMatchObject({ state: 'idle', transport: 'none', lastCloseCode: null })
    expect(monitor.getSnapshot().status?.code).toBe('completed')
    expect(sockets.last.closedWith).toEqual({ code: 1000, reason: 'payment completed' })
    expect(clock.pendingTimers).toBe(0)
    const requests = http.requests.length
    clock.advance(600000)
    expect(http.requests.length).toBe(requests)
  })

  it('reaches a terminal status by polling too', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    sockets.last.serverClose(1006)
    await http.pending[0]!.respond({ status: 200, body: pollBody('pending', { isExpired: true }) })
    expect(monitor.getSnapshot()).toMatchObject({ state: 'idle', transport: 'none' })
    expect(monitor.getSnapshot().status?.code).toBe('expired')
    expect(clock.pendingTimers).toBe(0)
    expect(http.pending).toHaveLength(0)
  })

  it('goes failed when polls keep failing with no socket, and recovers when one succeeds', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor({ random: () => 0 })
    monitor.start(CHANNEL_ID)
    await http.last.fail() // 1: the first fetch
    sockets.last.serverClose(1006)
    expect(monitor.getSnapshot().state).toBe('polling')
    await http.lastPending.fail() // 2: entering polling
    expect(monitor.getSnapshot().state).toBe('polling')
    clock.advance(monitor.getSnapshot().nextPollAt! - clock.now())
    await http.lastPending.fail() // 3
    expect(monitor.getSnapshot()).toMatchObject({ state: 'failed', failureReason: 'unreachable' })
    clock.advance(monitor.getSnapshot().nextPollAt! - clock.now())
    await http.lastPending.respond({ status: 200, body: pollBody('pending') })
    expect(monitor.getSnapshot()).toMatchObject({ state: 'polling', failureReason: null })
  })

  it('manual retry from failed resets everything and tries the socket now', async () => {
    const { monitor, http, sockets } = createTestMonitor({ random: () => 1 - 1e-9 })
    monitor.start(CHANNEL_ID)
    await http.last.respond({ status: 404, body: { success: false, error: 'Payment channel not found' } })
    expect(monitor.getSnapshot().state).toBe('failed')
    const socketCount = sockets.sockets.length
    monitor.retry()
    expect(monitor.getSnapshot()).toMatchObject({ state: 'connecting', notFound: false })
    expect(sockets.sockets.length).toBe(socketCount + 1)
    expect(http.pending).toHaveLength(1)
  })

  it('manual retry after many flaps tries now and restarts the backoff', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor({ random: () => 1 - 1e-9 })
    monitor.start(CHANNEL_ID)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    for (let i = 0; i < 8; i++) {
      sockets.last.serverClose(1006)
      clock.advance(monitor.getSnapshot().nextSocketAttemptAt! - clock.now())
    }
    sockets.last.serverClose(1006)
    expect(monitor.getSnapshot().nextSocketAttemptAt! - clock.now()).toBe(60000)
    monitor.retry()
    expect(monitor.getSnapshot().state).toBe('connecting')
    expect(monitor.getSnapshot().transport).toBe('polling') // polling carries on underneath
    sockets.last.serverClose(1006)
    expect(monitor.getSnapshot().state).toBe('polling')
    expect(monitor.getSnapshot().nextSocketAttemptAt! - clock.now()).toBe(2000)
  })

  it('remembers a failed socket in the tab: a reload polls at once and still probes', async () => {
    const storage = new MemoryStorage()
    const first = createTestMonitor({ storage })
    first.monitor.start(CHANNEL_ID)
    first.sockets.last.serverOpen()
    first.sockets.last.welcome()
    first.sockets.last.serverClose(1006)
    first.monitor.stop()

    const reload = createTestMonitor({ storage })
    reload.monitor.start(CHANNEL_ID)
    expect(reload.monitor.getSnapshot()).toMatchObject({ state: 'polling', transport: 'polling' })
    expect(reload.http.requests).toHaveLength(1)
    expect(reload.sockets.sockets).toHaveLength(1)
    // A socket that proves healthy clears the memory: nobody is pinned to polling.
    await reload.http.last.respond({ status: 200, body: pollBody('pending') })
    bringUp(reload.sockets.last)
    reload.clock.advance(10000)
    reload.sockets.last.serverSend(statusFrame('waiting_payment'))
    expect(storage.items.size).toBe(0)
  })

  it('reports a sent payment over the socket when open, else over HTTP', async () => {
    const { monitor, http, sockets } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    bringUp(sockets.last)
    const hash = 'ab'.repeat(32)
    const overSocket = monitor.reportPaymentSent(`0x${hash}`)
    expect(sockets.last.sentOfType('payment_sent')).toEqual([{ type: 'payment_sent', channelId: CHANNEL_ID, txHash: hash }])
    sockets.last.serverSend({ type: 'payment_sent_confirmed', channelId: CHANNEL_ID, txHash: hash, message: 'Payment notification received' })
    expect(await overSocket).toEqual({ ok: true, via: 'websocket', message: 'Payment notification received' })

    sockets.last.serverClose(1006)
    const overHttp = monitor.reportPaymentSent(hash)
    await flush()
    const post = http.requests.find((r) => r.method === 'POST')!
    expect(post.url).toBe('https://test.example/api/onboarding/payment/verify-transaction')
    expect(JSON.parse(post.body!)).toEqual({ channelId: CHANNEL_ID, txHash: hash })
    await post.respond({ status: 200, body: { success: true, message: 'Transaction verified' } })
    expect(await overHttp).toEqual({ ok: true, via: 'http', message: 'Transaction verified' })
    expect(await monitor.reportPaymentSent('not-a-hash')).toMatchObject({ ok: false })
  })
})
