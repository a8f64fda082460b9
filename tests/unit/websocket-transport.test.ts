import { describe, expect, it } from 'vitest'
import type { SocketAttempt } from '../../src/core/machine/snapshot'
import type { PaymentStatus } from '../../src/core/protocol/status'
import { CLIENT_CLOSE, WebSocketTransport, type WebSocketSink } from '../../src/core/transports/websocket'
import { CHANNEL_ID, statusFrame } from '../support/channel'
import { FakeClock } from '../support/clock'
import { SocketFactory } from '../support/websocket'

function setup() {
  const clock = new FakeClock()
  const sockets = new SocketFactory()
  const events: string[] = []
  const statuses: PaymentStatus[] = []
  const ends: SocketAttempt[] = []
  const counts: Record<string, number> = {}
  const rtts: number[] = []
  const sink: WebSocketSink = {
    status: (s) => statuses.push(s),
    notFound: () => events.push('notFound'),
    serverTime: () => undefined,
    log: (kind, level, message) => events.push(`${kind}:${level}:${message}`),
    count: (c) => (counts[c] = (counts[c] ?? 0) + 1),
    open: () => events.push('open'),
    welcome: () => events.push('welcome'),
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
      heartbeatIntervalMs: 25000,
      heartbeatTimeoutMs: 10000,
    },
    sink,
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
    expect(events).toContain('welcome')
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

  it('pings every heartbeat interval and reports the round trip', () => {
    const { transport, sockets, clock, rtts } = setup()
    transport.start()
    sockets.last.serverOpen()
    sockets.last.welcome()
    clock.advance(25000)
    expect(sockets.last.sentOfType('ping')).toHaveLength(1)
    clock.advance(42)
    sockets.last.serverSend({ type: 'pong', timestamp: new Date().toISOString() })
    expect(rtts).toEqual([42])
    clock.advance(25000)
    expect(sockets.last.sentOfType('ping')).toHaveLength(2)
  })

  it('declares the socket dead when nothing arrives within the heartbeat timeout', () => {
    const { transport, sockets, clock, ends, events } = setup()
    transport.start()
    sockets.last.serverOpen()
    sockets.last.welcome()
    clock.advance(25000 + 9999)
    expect(ends).toHaveLength(0)
    clock.advance(1)
    expect(ends[0]).toMatchObject({ closedBy: 'client', clientReason: 'heartbeat timeout', closeCode: CLIENT_CLOSE.heartbeatTimeout })
    expect(events.some((e) => e.startsWith('heartbeat:warn'))).toBe(true)
  })

  it('catches a dead socket by the wall clock when timers were held back (sleeping laptop)', () => {
    const { transport, sockets, clock, ends } = setup()
    transport.start()
    sockets.last.serverOpen()
    sockets.last.welcome()
    clock.advance(25000) // ping sent
    clock.jump(60000) // the tab slept: no timer ran
    transport.refresh() // visible again
    expect(ends[0]).toMatchObject({ clientReason: 'heartbeat timeout' })
  })

  it('pings at once when the tab comes back after a long quiet spell', () => {
    const { transport, sockets, clock } = setup()
    transport.start()
    sockets.last.serverOpen()
    sockets.last.welcome()
    clock.jump(30000)
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
    clock.advance(20000)
    sockets.last.serverClose(1012, 'Service restart')
    expect(ends[0]).toMatchObject({ closeCode: 1012, closeReason: 'Service restart', wasClean: true, closedBy: 'server', failed: false, lifetimeMs: 20000 })
  })

  it('survives a constructor that throws (blocked URL)', () => {
    const { clock, ends } = setup()
    const transport = new WebSocketTransport(
      { attemptId: 2, url: 'ws://bad', channelId: CHANNEL_ID, createSocket: () => { throw new Error('SecurityError') }, clock, connectTimeoutMs: 1, heartbeatIntervalMs: 1, heartbeatTimeoutMs: 1 },
      { ...setupSinkCapturing(ends) },
    )
    expect(() => transport.start()).not.toThrow()
    expect(ends.at(-1)).toMatchObject({ clientReason: 'could not create socket', failed: true })
    expect(clock.pendingTimers).toBe(0)
  })
})

function setupSinkCapturing(ends: SocketAttempt[]): WebSocketSink {
  const noop = () => undefined
  return { status: noop, notFound: noop, serverTime: noop, log: noop, count: noop, open: noop, welcome: noop, serverError: noop, paymentAck: noop, roundTrip: noop, end: (r) => ends.push(r) }
}
