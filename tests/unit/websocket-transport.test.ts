import { describe, expect, it } from 'vitest'
import type { DiagnosticsSink } from '../../src/core/eventLog'
import type { PaymentStatus } from '../../src/core/protocol/status'
import { CLIENT_CLOSE } from '../../src/core/protocol/closeCodes'
import type { SocketAttempt } from '../../src/core/transports/socketAttempt'
import { WebSocketTransport, type WebSocketSink } from '../../src/core/transports/websocket'
import { CHANNEL_ID, statusFrame } from '../support/channel'
import { FakeClock } from '../support/clock'
import { SocketFactory, type FakeWebSocket } from '../support/websocket'

function setup() {
  const clock = new FakeClock()
  const sockets = new SocketFactory()
  const events: string[] = []
  const statuses: PaymentStatus[] = []
  const ends: SocketAttempt[] = []
  const counts: Record<string, number> = {}
  const rtts: number[] = []
  const diagnostics: DiagnosticsSink = {
    log: (kind, level, message) => events.push(`${kind}:${level}:${message}`),
    count: (c) => (counts[c] = (counts[c] ?? 0) + 1),
  }
  const sink: WebSocketSink = {
    status: (s) => statuses.push(s),
    serverTime: () => undefined,
    statusOverdue: () => events.push('overdue'),
    serverError: (m) => events.push(`error:${m.message}`),
    paymentAck: (m) => events.push(`ack:${m.type}`),
    roundTrip: (ms) => rtts.push(ms),
    end: (r) => ends.push(r),
  }
  const transport = new WebSocketTransport(
    {
      attemptId: 1,
      url: 'wss://test.example/ws/payment-monitor',
      channelId: CHANNEL_ID,
      createSocket: sockets.create,
      clock,
      connectTimeoutMs: 5000,
      quietMs: 15000,
      answerMs: 5000,
    },
    sink,
    diagnostics,
  )
  return { clock, sockets, events, statuses, ends, counts, rtts, transport }
}

describe('WebSocket transport', () => {
  it('subscribes after the welcome, not on open', () => {
    const { transport, sockets, clock, events } = setup()
    transport.start()
    const socket = sockets.last
    clock.advance(40)
    socket.serverOpen()
    expect(socket.sentOfType('subscribe')).toHaveLength(0)
    clock.advance(150)
    socket.welcome()
    expect(socket.sent).toEqual([{ type: 'subscribe', channelId: CHANNEL_ID }])
    expect(events.some((e) => e.includes('welcomed after 190 ms, subscribing'))).toBe(true)
  })

  it('delivers validated status updates for its channel only', () => {
    const { transport, sockets, statuses, counts, events } = setup()
    transport.start()
    sockets.last.serverOpen()
    sockets.last.welcome()
    sockets.last.serverSend(statusFrame('confirming', {}, { confirmations: 1 }))
    sockets.last.serverSend({ ...statusFrame('completed'), channelId: 'another-channel-id' })
    sockets.last.serverSend('{not json')
    sockets.last.serverSend({ type: 'status_update', channelId: CHANNEL_ID, status: 42 })
    expect(statuses.map((s) => s.code)).toEqual(['confirming'])
    expect(counts.invalidFrames).toBe(2)
    expect(events.some((e) => e.includes('Dropped a frame: malformed JSON'))).toBe(true)
    expect(events.some((e) => e.includes('another channel'))).toBe(true)
  })

  it('keeps a frame whose optional number is insane, without that field, and says which field', () => {
    const { transport, sockets, statuses, events } = setup()
    transport.start()
    sockets.last.serverOpen()
    sockets.last.welcome()
    sockets.last.serverSend(statusFrame('confirming', {}, { confirmations: -1 }))
    expect(statuses.map((s) => [s.code, s.confirmations])).toEqual([['confirming', null]])
    expect(events.filter((e) => e.startsWith('invalid:warn:Frame kept without a field:') && e.includes('confirmations'))).toHaveLength(1)
  })

  it('fails the attempt when open and welcome do not both arrive within the connect timeout', () => {
    const { transport, sockets, clock, ends } = setup()
    transport.start()
    sockets.last.serverOpen()
    clock.advance(4999)
    expect(ends).toHaveLength(0)
    clock.advance(1)
    expect(ends).toHaveLength(1)
    expect(ends[0]).toMatchObject({ closedBy: 'client', clientReason: 'connect timeout', closeCode: CLIENT_CLOSE.connectTimeout, failed: true, welcomeMs: null })
    expect(sockets.last.closedWith?.code).toBe(CLIENT_CLOSE.connectTimeout)
  })

  it('closes a handshake that never completes itself, instead of leaving it open', () => {
    const { transport, sockets, clock, ends } = setup()
    transport.start()
    clock.advance(5000)
    expect(sockets.last.isClosed).toBe(true)
    expect(ends[0]).toMatchObject({ openMs: null, lifetimeMs: null, clientReason: 'connect timeout' })
  })

  it('records a refused upgrade: error, then 1006, never open', () => {
    const { transport, sockets, clock, ends } = setup()
    transport.start()
    clock.advance(12)
    sockets.last.serverClose(1006)
    expect(ends[0]).toMatchObject({ openMs: null, closeCode: 1006, wasClean: false, closedBy: 'network', failed: true })
  })

  it('records the production flap: open, welcome, 1006 about 233 ms later', () => {
    const { transport, sockets, clock, ends } = setup()
    transport.start()
    clock.advance(30)
    sockets.last.serverOpen()
    clock.advance(150)
    sockets.last.welcome()
    clock.advance(83)
    sockets.last.serverClose(1006)
    expect(ends[0]).toMatchObject({ openMs: 30, welcomeMs: 180, lifetimeMs: 233, quietMs: 83, closeCode: 1006, closedBy: 'network', failed: true })
  })

  it('fails an attempt that is welcomed but sends no status within the connect timeout', () => {
    const { transport, sockets, clock, ends } = setup()
    transport.start()
    sockets.last.serverOpen()
    sockets.last.welcome()
    clock.advance(4999)
    expect(ends).toHaveLength(0)
    clock.advance(1)
    expect(ends[0]).toMatchObject({ closedBy: 'client', clientReason: 'no status', closeCode: CLIENT_CLOSE.noStatus, failed: true })
  })

  it('pings after 15 s without any frame and reports the round trip', () => {
    const { transport, sockets, clock, rtts } = setup()
    transport.start()
    bringUp(sockets.last)
    clock.advance(14999)
    expect(sockets.last.sentOfType('ping')).toHaveLength(0)
    clock.advance(1)
    expect(sockets.last.sentOfType('ping')).toHaveLength(1)
    clock.advance(42)
    sockets.last.serverSend({ type: 'pong', timestamp: new Date().toISOString() })
    expect(rtts).toEqual([42])
  })

  it('never pings a socket whose server keeps its 10 s status cadence', () => {
    const { transport, sockets, clock, ends } = setup()
    transport.start()
    bringUp(sockets.last)
    for (let i = 0; i < 12; i++) {
      clock.advance(10000)
      sockets.last.serverSend(statusFrame('waiting_payment'))
    }
    expect(sockets.last.sentOfType('ping')).toHaveLength(0)
    expect(ends).toHaveLength(0)
  })

  it('declares a silent socket dead within 20 s: 15 s quiet, then 5 s for the ping', () => {
    const { transport, sockets, clock, ends, events } = setup()
    transport.start()
    bringUp(sockets.last)
    clock.advance(19999)
    expect(ends).toHaveLength(0)
    clock.advance(1)
    expect(ends[0]).toMatchObject({ closedBy: 'client', clientReason: 'heartbeat timeout', closeCode: CLIENT_CLOSE.heartbeatTimeout })
    expect(events.some((e) => e.startsWith('heartbeat:warn'))).toBe(true)
  })

  it('measures liveness on the monotonic clock: a wall clock set back an hour changes nothing', () => {
    const { transport, sockets, clock, ends } = setup()
    transport.start()
    bringUp(sockets.last)
    clock.setWall(clock.now() - 3600_000)
    clock.advance(20000)
    expect(ends[0]).toMatchObject({ clientReason: 'heartbeat timeout' })
  })

  it('flags the status overdue at 15 s and gives up on a socket that answers pings but sends no status for 25 s', () => {
    const { transport, sockets, clock, ends, events } = setup()
    transport.start()
    bringUp(sockets.last)
    let answered = 0
    for (let second = 1; second <= 24; second++) {
      clock.advance(1000)
      const pings = sockets.last.sentOfType('ping').length
      if (pings > answered) sockets.last.serverSend({ type: 'pong', timestamp: new Date().toISOString() })
      answered = pings
      expect(events.includes('overdue')).toBe(second >= 15)
    }
    expect(ends).toHaveLength(0)
    clock.advance(1000)
    expect(ends[0]).toMatchObject({ clientReason: 'no status', closeCode: CLIENT_CLOSE.noStatus, failed: false })
  })

  it('catches a dead socket when timers were held back (sleeping laptop)', () => {
    const { transport, sockets, clock, ends } = setup()
    transport.start()
    bringUp(sockets.last)
    clock.advance(15000) // ping sent
    clock.jump(60000) // the tab slept: no timer ran
    transport.refresh() // visible again
    expect(ends[0]).toMatchObject({ clientReason: 'heartbeat timeout' })
  })

  it('pings at once when refreshed (tab visible again, back online), once', () => {
    const { transport, sockets } = setup()
    transport.start()
    bringUp(sockets.last)
    transport.refresh()
    transport.refresh()
    expect(sockets.last.sentOfType('ping')).toHaveLength(1)
  })

  it('reports exactly one end, and nothing after it', () => {
    const { transport, sockets, statuses, ends } = setup()
    transport.start()
    const socket = sockets.last
    socket.serverOpen()
    socket.welcome()
    transport.closeNormally('payment completed')
    expect(socket.sentOfType('unsubscribe')).toHaveLength(1)
    expect(socket.closedWith).toEqual({ code: 1000, reason: 'payment completed' })
    socket.serverClose(1006)
    socket.serverSend(statusFrame('completed'))
    expect(ends).toHaveLength(1)
    expect(statuses).toHaveLength(0)
  })

  it('reports a server close with its code, reason and cleanliness', () => {
    const { transport, sockets, clock, ends } = setup()
    transport.start()
    sockets.last.serverOpen()
    sockets.last.welcome()
    sockets.last.serverSend(statusFrame('waiting_payment'))
    clock.advance(10000)
    sockets.last.serverSend(statusFrame('waiting_payment'))
    clock.advance(10000)
    sockets.last.serverClose(1012, 'Service restart')
    expect(ends[0]).toMatchObject({ closeCode: 1012, closeReason: 'Service restart', wasClean: true, closedBy: 'server', failed: false, lifetimeMs: 20000 })
  })

  it('survives a constructor that throws (blocked URL)', () => {
    const { clock, ends } = setup()
    const transport = new WebSocketTransport(
      { attemptId: 2, url: 'ws://bad', channelId: CHANNEL_ID, createSocket: () => { throw new Error('SecurityError') }, clock, connectTimeoutMs: 1 },
      setupSinkCapturing(ends),
      { log: () => undefined, count: () => undefined },
    )
    expect(() => transport.start()).not.toThrow()
    expect(ends.at(-1)).toMatchObject({ clientReason: 'could not create socket', failed: true })
    expect(clock.pendingTimers).toBe(0)
  })
})

function bringUp(socket: FakeWebSocket) {
  socket.serverOpen()
  socket.welcome()
  socket.serverSend(statusFrame('waiting_payment'))
}

function setupSinkCapturing(ends: SocketAttempt[]): WebSocketSink {
  const noop = () => undefined
  return { status: noop, serverTime: noop, statusOverdue: noop, serverError: noop, paymentAck: noop, roundTrip: noop, end: (r) => ends.push(r) }
}
