import { describe, expect, it } from 'vitest'
import { CHANNEL_ID, pollBody, statusFrame } from '../support/channel'
import { flush } from '../support/fetch'
import { NOT_FOUND_ANSWER, answerAll, bringUp, createTestMonitor } from '../support/monitor'

const DB_FAILING = { type: 'error', message: 'Failed to get channel status', channelId: CHANNEL_ID, timestamp: new Date().toISOString() }
const SERVER_DOWN = { status: 503, body: 'Service Unavailable' }

/** Polling with the steady loop running (the first socket refused), and the probe not yet due. */
async function polling(random = () => 0) {
  const setup = createTestMonitor({ random })
  setup.monitor.start(CHANNEL_ID)
  setup.sockets.last.serverClose(1006)
  await answerAll(setup.http)
  return setup
}

describe('connection policy rules', () => {
  it('a channel that turns out not to exist settles "unreachable" too: the API’s not-found wins', async () => {
    const { monitor, http, clock } = await polling(() => 1 - 1e-9)
    for (let i = 0; i < 3; i++) {
      clock.advance(monitor.getSnapshot().nextPollAt! - clock.now())
      await http.lastPending.respond(SERVER_DOWN)
    }
    expect(monitor.getSnapshot()).toMatchObject({ state: 'failed', failureReason: 'unreachable' })
    clock.advance(monitor.getSnapshot().nextPollAt! - clock.now())
    await http.lastPending.respond(NOT_FOUND_ANSWER)
    expect(monitor.getSnapshot()).toMatchObject({ state: 'failed', failureReason: 'not_found', notFound: true, nextPollAt: null })
  })

  it('keeps the once-a-minute not-found recheck when a recheck itself fails', async () => {
    const { monitor, http, clock } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await http.last.respond(NOT_FOUND_ANSWER)
    clock.advance(60000)
    expect(http.requests).toHaveLength(2)
    await http.last.respond(SERVER_DOWN)
    expect(monitor.getSnapshot()).toMatchObject({ notFound: true })
    clock.advance(59999)
    expect(http.requests).toHaveLength(2)
    clock.advance(1)
    expect(http.requests).toHaveLength(3)
    await http.last.fail()
    clock.advance(60000)
    expect(http.requests).toHaveLength(4)
  })

  it('a retry from "not found" leaves no recheck behind: once the socket is open, no poll a minute later', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await http.last.respond(NOT_FOUND_ANSWER)
    clock.advance(30000)
    monitor.retry()
    await answerAll(http)
    bringUp(sockets.last)
    const settled = http.requests.length
    for (let i = 0; i < 6; i++) {
      clock.advance(10000)
      sockets.last.serverSend(statusFrame('waiting_payment'))
    }
    expect(monitor.getSnapshot().state).toBe('open')
    expect(http.requests.length).toBe(settled)
  })

  it('an open socket outranks failing polls: three failed checks do not make it "unreachable"', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await answerAll(http)
    bringUp(sockets.last)
    for (let i = 0; i < 3; i++) {
      monitor.setVisible(false)
      monitor.setVisible(true)
      await http.lastPending.respond(SERVER_DOWN)
      clock.advance(2000)
      sockets.last.serverSend(statusFrame('waiting_payment'))
    }
    expect(http.requests).toHaveLength(4)
    expect(monitor.getSnapshot()).toMatchObject({ state: 'open', failureReason: null })
  })

  it('a channel error frame before the first status still asks HTTP at once', async () => {
    const { monitor, http, sockets } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await answerAll(http)
    sockets.last.serverOpen()
    sockets.last.welcome()
    sockets.last.serverSend(DB_FAILING)
    expect(http.requests).toHaveLength(2)
    expect(monitor.getSnapshot().state).toBe('connecting')
  })

  it('a socket left while in doubt does not carry the doubt to the next one: its error frame asks HTTP again', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor({ random: () => 0 })
    monitor.start(CHANNEL_ID)
    await answerAll(http)
    bringUp(sockets.last)
    sockets.last.serverSend(DB_FAILING)
    await answerAll(http)
    sockets.last.serverClose(1006)
    await answerAll(http)
    clock.advance(monitor.getSnapshot().nextSocketAttemptAt! - clock.now())
    await answerAll(http)
    const before = http.requests.length
    sockets.last.serverOpen()
    sockets.last.welcome()
    sockets.last.serverSend(DB_FAILING)
    expect(http.requests.length).toBe(before + 1)
  })

  it('back online while polling: one poll at once, then the steady loop resumes', async () => {
    const { monitor, http, clock } = await polling(() => 1 - 1e-9)
    monitor.setOnline(false)
    clock.advance(30000)
    const before = http.requests.length
    monitor.setOnline(true)
    expect(http.requests.length).toBe(before + 1)
    await answerAll(http)
    clock.advance(5000)
    expect(http.requests.length).toBe(before + 2)
    await answerAll(http)
    expect(monitor.getSnapshot().nextPollAt).toBe(clock.now() + 5000)
  })

  it('a refresh of an open socket never restarts steady polling', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await answerAll(http)
    bringUp(sockets.last)
    monitor.setVisible(false)
    monitor.setVisible(true)
    sockets.last.serverSend({ type: 'pong', timestamp: new Date(clock.now()).toISOString() }) // the refresh's ping answered
    await answerAll(http)
    const settled = http.requests.length
    for (let i = 0; i < 3; i++) {
      clock.advance(10000)
      sockets.last.serverSend(statusFrame('waiting_payment'))
    }
    expect(http.requests.length).toBe(settled)
    expect(monitor.getSnapshot().nextPollAt).toBeNull()
  })

  it('while offline: no poll at start, no refresh on waking, no reconnect after a lost socket', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor()
    monitor.setOnline(false)
    monitor.start(CHANNEL_ID)
    expect(http.requests).toHaveLength(0)
    bringUp(sockets.last)
    clock.advance(3000)
    clock.jump(600_000)
    clock.advance(0)
    expect(http.requests).toHaveLength(0)
    sockets.last.serverClose(1006)
    expect(monitor.getSnapshot()).toMatchObject({ state: 'polling', nextSocketAttemptAt: null })
    clock.advance(120000)
    expect(sockets.sockets).toHaveLength(1)
    expect(http.requests).toHaveLength(0)
  })

  it('retry while the first socket is still connecting stays "connecting"; from "unreachable" it polls', async () => {
    const first = createTestMonitor()
    first.monitor.start(CHANNEL_ID)
    first.monitor.retry()
    expect(first.monitor.getSnapshot()).toMatchObject({ state: 'connecting', transport: 'none' })

    const { monitor, http, clock } = await polling(() => 1 - 1e-9)
    for (let i = 0; i < 3; i++) {
      clock.advance(monitor.getSnapshot().nextPollAt! - clock.now())
      await http.lastPending.respond(SERVER_DOWN)
    }
    expect(monitor.getSnapshot().failureReason).toBe('unreachable')
    monitor.retry()
    expect(monitor.getSnapshot()).toMatchObject({ state: 'polling', failureReason: null })
  })

  it('a probe lost while everything fails keeps "unreachable" (nothing delivers status yet)', async () => {
    const { monitor, http, sockets, clock } = await polling()
    for (let i = 0; i < 3; i++) {
      clock.advance(monitor.getSnapshot().nextPollAt! - clock.now())
      await http.lastPending.respond(SERVER_DOWN)
    }
    expect(monitor.getSnapshot().failureReason).toBe('unreachable')
    if (sockets.last.isClosed) clock.advance(monitor.getSnapshot().nextSocketAttemptAt! - clock.now())
    sockets.last.serverClose(1006)
    expect(monitor.getSnapshot()).toMatchObject({ state: 'failed', failureReason: 'unreachable' })
  })

  it('a server going away before the first status spreads the reconnect and does not poll', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor({ random: () => 0.5 })
    monitor.start(CHANNEL_ID)
    await answerAll(http)
    sockets.last.serverOpen()
    sockets.last.welcome()
    sockets.last.serverClose(1012)
    expect(monitor.getSnapshot()).toMatchObject({ state: 'connecting', nextPollAt: null })
    expect(http.requests).toHaveLength(1)
    expect(monitor.getSnapshot().nextSocketAttemptAt! - clock.now()).toBe(9500) // the middle of the 2–17 s window
  })

  it('a probe that sees the server go away while polling does not stop the steady polling', async () => {
    const { monitor, http, sockets, clock } = await polling()
    clock.advance(monitor.getSnapshot().nextSocketAttemptAt! - clock.now())
    bringUp(sockets.last)
    sockets.last.serverClose(1001)
    expect(monitor.getSnapshot()).toMatchObject({ state: 'polling', transport: 'polling' })
    await answerAll(http)
    expect(monitor.getSnapshot().nextPollAt).not.toBeNull()
  })

  it('an open socket lost inside a restart window falls back to polling at once', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor({ random: () => 0 })
    monitor.start(CHANNEL_ID)
    await answerAll(http)
    bringUp(sockets.last)
    sockets.last.serverClose(1012)
    clock.advance(monitor.getSnapshot().nextSocketAttemptAt! - clock.now())
    bringUp(sockets.last)
    expect(monitor.getSnapshot().state).toBe('open')
    const before = http.requests.length
    sockets.last.serverClose(1006)
    expect(monitor.getSnapshot()).toMatchObject({ state: 'polling', transport: 'polling' })
    expect(http.requests.length).toBe(before + 1)
  })
})

describe('reporting a sent payment, policy side', () => {
  it('before any channel: refused, nothing sent', async () => {
    const { monitor, http } = createTestMonitor()
    expect(await monitor.reportPaymentSent('ab'.repeat(32))).toEqual({ ok: false, via: 'http', message: 'No payment channel is being monitored.' })
    expect(http.requests).toHaveLength(0)
  })

  it('over HTTP at once while the socket has not delivered a status yet, then a poll', async () => {
    const { monitor, http, sockets } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await answerAll(http)
    sockets.last.serverOpen()
    sockets.last.welcome()
    const result = monitor.reportPaymentSent('ab'.repeat(32))
    await flush()
    expect(sockets.last.sentOfType('payment_sent')).toHaveLength(0)
    const post = http.requests.find((r) => r.method === 'POST')!
    const polls = http.requests.filter((r) => r.method === 'GET').length
    await post.respond({ status: 200, body: { success: true, message: 'Transaction verified' } })
    expect(await result).toEqual({ ok: true, via: 'http', message: 'Transaction verified' })
    expect(http.requests.filter((r) => r.method === 'GET')).toHaveLength(polls + 1) // the report may have changed the status
  })

  it('a server error frame answers a waiting report; a channel error frame does not', async () => {
    const { monitor, http, sockets } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await answerAll(http)
    bringUp(sockets.last)
    const result = monitor.reportPaymentSent('ab'.repeat(32))
    let settled = false
    void result.then(() => (settled = true))
    sockets.last.serverSend(DB_FAILING)
    await flush()
    expect(settled).toBe(false)
    sockets.last.serverSend({ type: 'error', message: 'Invalid transaction hash', channelId: CHANNEL_ID, timestamp: new Date().toISOString() })
    expect(await result).toEqual({ ok: false, via: 'websocket', message: 'Invalid transaction hash' })
  })

  it('a payment_verified without words still reads as reported', async () => {
    const { monitor, http, sockets } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await answerAll(http)
    bringUp(sockets.last)
    const result = monitor.reportPaymentSent('ab'.repeat(32))
    sockets.last.serverSend({ type: 'payment_verified', channelId: CHANNEL_ID, txHash: 'ab'.repeat(32) })
    expect(await result).toEqual({ ok: true, via: 'websocket', message: 'Payment reported.', note: 'reported' })
  })

  it('the snapshot names the endpoints it talks to', () => {
    const { monitor } = createTestMonitor()
    expect(monitor.getSnapshot().endpoints).toEqual({ wsUrl: 'wss://test.example/ws/payment-monitor', apiUrl: 'https://test.example' })
  })
})

describe('server text and clocks, policy side', () => {
  it('bounds the server’s words: a socket’s answer to 300 characters, an error frame to 200', async () => {
    const { monitor, http, sockets } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await answerAll(http)
    bringUp(sockets.last)
    const hash = 'ab'.repeat(32)
    const confirmed = monitor.reportPaymentSent(hash)
    sockets.last.serverSend({ type: 'payment_sent_confirmed', channelId: CHANNEL_ID, txHash: hash, message: 'y'.repeat(400) })
    expect((await confirmed).message).toBe('y'.repeat(300))
    const refused = monitor.reportPaymentSent(hash)
    sockets.last.serverSend({ type: 'error', message: 'x'.repeat(400), channelId: CHANNEL_ID, timestamp: new Date().toISOString() })
    expect((await refused).message).toBe('x'.repeat(200))
  })

  it('a manual retry closes the attempt under way and says why', async () => {
    const { monitor, http, sockets } = await polling()
    monitor.retry() // opens an attempt at once
    expect(sockets.last.isClosed).toBe(false)
    monitor.retry() // closes it and opens another
    expect(monitor.getSnapshot().attempts.at(-1)).toMatchObject({ clientReason: 'manual retry' })
    await answerAll(http)
  })

  it('learns the server’s clock from a poll’s Date header (whole seconds, so half a second added)', async () => {
    const { monitor, http, clock } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    const serverNow = clock.now() + 30000
    // 24 h to expiry by the fake clock, so 1439 whole minutes left by a server 30 s ahead.
    await http.last.respond({ status: 200, body: pollBody('pending', { timeLeft: 1439 }), headers: { Date: new Date(serverNow).toUTCString() } })
    expect(monitor.getSnapshot().serverClockOffsetMs).toBe(30000 + 500)
  })
})
