import { describe, expect, it } from 'vitest'
import type { DiagnosticsSink } from '../../src/core/eventLog'
import type { PaymentStatus } from '../../src/core/protocol/status'
import { CLIENT_CLOSE } from '../../src/core/protocol/closeCodes'
import { WebSocketTransport, type WebSocketSink, type WebSocketTransportOptions } from '../../src/core/transports/websocket'
import { CHANNEL_ID, statusFrame } from '../support/channel'
import { newAttemptRecord, type SocketAttempt } from '../../src/core/transports/socketAttempt'
import { FakeClock } from '../support/clock'
import { SocketFactory, type FakeWebSocket } from '../support/websocket'

function setup(overrides: Partial<WebSocketTransportOptions> = {}, onRoundTrip?: (transport: WebSocketTransport) => void) {
  const clock = new FakeClock()
  const sockets = new SocketFactory()
  const events: string[] = []
  const statuses: PaymentStatus[] = []
  const ends: SocketAttempt[] = []
  const counts: Record<string, number> = {}
  const rtts: number[] = []
  const serverTimes: number[] = []
  const diagnostics: DiagnosticsSink = {
    log: (kind, level, message) => events.push(`${kind}:${level}:${message}`),
    count: (c) => (counts[c] = (counts[c] ?? 0) + 1),
  }
  const sink: WebSocketSink = {
    status: (s) => statuses.push(s),
    serverTime: (ms) => serverTimes.push(ms),
    statusOverdue: () => events.push('overdue'),
    serverError: (m) => events.push(`error:${m.message}`),
    paymentAck: (m) => events.push(`ack:${m.type}`),
    roundTrip: (ms) => {
      rtts.push(ms)
      onRoundTrip?.(transport)
    },
    end: (r) => ends.push(r),
  }
  const transport: WebSocketTransport = new WebSocketTransport(
    {
      attemptId: 1,
      url: 'wss://test.example/ws/payment-monitor',
      channelId: CHANNEL_ID,
      createSocket: sockets.create,
      clock,
      connectTimeoutMs: 5000,
      quietMs: 15000,
      answerMs: 5000,
      ...overrides,
    },
    sink,
    diagnostics,
  )
  return { clock, sockets, events, statuses, ends, counts, rtts, serverTimes, transport }
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

const URL = 'wss://test.example/ws/payment-monitor'
const ABNORMAL = '1006 (Abnormal closure: no close frame (proxy, load balancer, firewall or network cut the connection))'

describe('WebSocket transport: what the diagnostics panel shows a developer', () => {
  it('logs each step of a healthy attempt and a clean server close, in words, and counts the frames', () => {
    const { transport, sockets, clock, events, counts, ends } = setup()
    clock.advance(1000) // the page has been up a while: durations count from start(), not from the page
    transport.start()
    clock.advance(30)
    sockets.last.serverOpen()
    clock.advance(150)
    sockets.last.welcome()
    sockets.last.serverSend(statusFrame('waiting_payment'))
    clock.advance(2000)
    sockets.last.serverClose(1000, 'bye')
    expect(events).toEqual([
      `socket:info:Attempt #1: connecting to ${URL}`,
      'socket:info:Attempt #1: open after 30 ms, waiting for welcome',
      'socket:info:Attempt #1: welcomed after 180 ms, subscribing',
      'socket:info:Attempt #1: closed 1000 (Normal closure), reason "bye", wasClean true',
    ])
    expect(counts).toEqual({ framesIn: 2, framesOut: 1 })
    expect(ends).toEqual([
      {
        id: 1,
        url: URL,
        startedAt: Date.UTC(2026, 10, 25, 12, 0, 1),
        openMs: 30,
        welcomeMs: 180,
        lifetimeMs: 2150,
        quietMs: 2000,
        closeCode: 1000,
        closeReason: 'bye',
        wasClean: true,
        closedBy: 'server',
        clientReason: null,
        failed: false,
      },
    ])
  })

  it('logs a refused upgrade as an error event, then an abnormal close of a socket that never opened', () => {
    const { transport, sockets, clock, events, ends } = setup()
    transport.start()
    clock.advance(12)
    sockets.last.serverClose(1006)
    expect(events).toEqual([
      `socket:info:Attempt #1: connecting to ${URL}`,
      'socket:warn:Attempt #1: WebSocket error event',
      `socket:warn:Attempt #1: closed ${ABNORMAL}, wasClean false, never opened`,
    ])
    expect(ends[0]).toMatchObject({ openMs: null, lifetimeMs: null, quietMs: null, closeReason: '' })
  })

  it('logs a server close other than 1000 as a warning, without a reason part when none was given', () => {
    const { transport, sockets, events } = setup()
    transport.start()
    sockets.last.serverOpen()
    sockets.last.welcome()
    sockets.last.serverClose(1012)
    expect(events.at(-1)).toBe('socket:warn:Attempt #1: closed 1012 (Service restart), wasClean true')
  })

  it('says which stage the connect timeout caught: never opened (closed with 1000)', () => {
    const { transport, sockets, clock, events, ends } = setup()
    transport.start()
    clock.advance(5000)
    expect(events.at(-1)).toBe('socket:warn:Attempt #1: did not open within 5000 ms')
    expect(sockets.last.closedWith).toEqual({ code: CLIENT_CLOSE.normal, reason: 'connect timeout' })
    expect(ends).toEqual([
      {
        id: 1,
        url: URL,
        startedAt: Date.UTC(2026, 10, 25, 12, 0, 0),
        openMs: null,
        welcomeMs: null,
        lifetimeMs: null,
        quietMs: null,
        closeCode: CLIENT_CLOSE.normal,
        closeReason: 'connect timeout',
        wasClean: null,
        closedBy: 'client',
        clientReason: 'connect timeout',
        failed: true,
      },
    ])
  })

  it('says which stage the connect timeout caught: opened but no welcome (closed with 4000)', () => {
    const { transport, sockets, clock, events, ends } = setup()
    transport.start()
    clock.advance(100)
    sockets.last.serverOpen()
    clock.advance(4900)
    expect(events.at(-1)).toBe('socket:warn:Attempt #1: opened but sent no welcome within 5000 ms')
    expect(sockets.last.closedWith).toEqual({ code: CLIENT_CLOSE.connectTimeout, reason: 'connect timeout' })
    expect(ends[0]).toMatchObject({ openMs: 100, lifetimeMs: 4900, quietMs: 4900, closeCode: CLIENT_CLOSE.connectTimeout })
  })

  it('says which stage the connect timeout caught: welcomed but no status (closed with 4002)', () => {
    const { transport, sockets, clock, events } = setup()
    transport.start()
    sockets.last.serverOpen()
    sockets.last.welcome()
    clock.advance(5000)
    expect(events.at(-1)).toBe('socket:warn:Attempt #1: sent no status after subscribe within 5000 ms')
    expect(sockets.last.closedWith).toEqual({ code: CLIENT_CLOSE.noStatus, reason: 'no status' })
  })

  it('does not hold a status that came before the welcome against the socket (no 4002 after a welcome)', () => {
    const { transport, sockets, clock, statuses } = setup()
    transport.start()
    sockets.last.serverOpen()
    sockets.last.serverSend(statusFrame('waiting_payment')) // a server that pushes the channel's status first
    sockets.last.welcome()
    clock.advance(5000)
    expect(statuses).toHaveLength(1)
    expect(sockets.last.closedWith).toBeNull()
    expect(transport.isOpen).toBe(true)
  })

  it('logs a dead socket with how long the ping went unanswered', () => {
    const { transport, sockets, clock, events } = setup()
    transport.start()
    bringUp(sockets.last)
    clock.advance(20000)
    expect(events.filter((e) => e.startsWith('heartbeat:'))).toEqual([
      'heartbeat:warn:Attempt #1: no status for 15 s: checking over HTTP',
      'heartbeat:warn:Attempt #1: no frame for 5000 ms after a ping: socket is dead',
    ])
  })

  it('logs an overdue and then a mute status in whole seconds', () => {
    const { transport, sockets, clock, events } = setup()
    transport.start()
    bringUp(sockets.last)
    for (let second = 1; second <= 25; second++) {
      clock.advance(1000)
      if (sockets.last.sentOfType('ping').length > 0) sockets.last.serverSend({ type: 'pong', timestamp: new Date().toISOString() })
    }
    expect(events.filter((e) => e.startsWith('heartbeat:'))).toEqual([
      'heartbeat:warn:Attempt #1: no status for 15 s: checking over HTTP',
      'heartbeat:warn:Attempt #1: frames but no status for 25 s: the socket is not doing its job',
    ])
  })

  it('logs why a frame was dropped or ignored, and a status for another channel', () => {
    const { transport, sockets, events, counts } = setup()
    transport.start()
    sockets.last.serverOpen()
    sockets.last.welcome()
    sockets.last.serverSend('{not json')
    sockets.last.serverSend({ type: 'x'.repeat(60) })
    sockets.last.serverSend({ ...statusFrame('completed'), channelId: 'another-channel-id' })
    expect(events.slice(3)).toEqual([
      expect.stringMatching(/^invalid:warn:Dropped a frame: malformed JSON/),
      `invalid:info:Ignored a frame of unknown type "${'x'.repeat(40)}"`,
      'invalid:info:Ignored a status update for another channel',
    ])
    expect(counts).toEqual({ framesIn: 4, framesOut: 1, invalidFrames: 1 })
  })

  it('logs a constructor that throws (blocked URL) with the URL and the error, and records it as the client’s failure', () => {
    const { clock } = setup()
    const events: string[] = []
    const ends: SocketAttempt[] = []
    const transport = new WebSocketTransport(
      { attemptId: 2, url: 'ws://bad', channelId: CHANNEL_ID, createSocket: () => { throw new Error('SecurityError') }, clock, connectTimeoutMs: 1 },
      setupSinkCapturing(ends),
      { log: (kind, level, message) => events.push(`${kind}:${level}:${message}`), count: () => undefined },
    )
    transport.start()
    expect(events).toEqual(['socket:error:Could not create WebSocket for ws://bad: Error: SecurityError'])
    // Nothing of the socket's life to record: a blank record, closed by the client, failed.
    expect(ends).toEqual([{ ...newAttemptRecord(2, 'ws://bad', clock.now()), closedBy: 'client', clientReason: 'could not create socket', failed: true }])
  })

  it('logs a send the socket refused, and does not count it as sent', () => {
    const { transport, sockets, events, counts } = setup()
    transport.start()
    sockets.last.serverOpen()
    sockets.last.welcome()
    sockets.last.send = () => {
      throw new Error('buffer full')
    }
    expect(transport.send({ type: 'ping' })).toBe(false)
    expect(events.at(-1)).toBe('socket:warn:Attempt #1: send failed: Error: buffer full')
    expect(counts.framesOut).toBe(1)
  })
})

describe('WebSocket transport: who closed it, and why', () => {
  function closedWith(event: { code: number; reason?: unknown; wasClean: boolean }) {
    const { transport, sockets, ends } = setup()
    transport.start()
    sockets.last.serverOpen()
    sockets.last.welcome()
    sockets.last.readyState = 3
    sockets.last.onclose?.(event as { code: number; reason: string; wasClean: boolean })
    return ends[0]
  }

  it('a close frame from the server is the server’s', () => {
    expect(closedWith({ code: 1001, reason: 'going away', wasClean: true })).toMatchObject({ closedBy: 'server', closeCode: 1001, closeReason: 'going away', wasClean: true })
  })

  it('1006 is the network’s even if the engine calls it clean', () => {
    expect(closedWith({ code: 1006, reason: '', wasClean: true })).toMatchObject({ closedBy: 'network', closeCode: 1006, wasClean: true })
  })

  it('an unclean close is the network’s whatever its code', () => {
    expect(closedWith({ code: 1011, reason: '', wasClean: false })).toMatchObject({ closedBy: 'network', closeCode: 1011, wasClean: false })
  })

  it('a close without a reason string records an empty reason', () => {
    expect(closedWith({ code: 1000, reason: undefined, wasClean: true })).toMatchObject({ closedBy: 'server', closeReason: '' })
  })

  it('a reason longer than a close frame allows is cut to 123 characters', () => {
    expect(closedWith({ code: 1000, reason: 'r'.repeat(200), wasClean: true })).toMatchObject({ closeReason: 'r'.repeat(123) })
  })
})

describe('WebSocket transport: one socket per attempt, and the end is final', () => {
  it('is open only between the welcome and the end, and only while the socket is', () => {
    const { transport, sockets } = setup()
    expect(transport.isOpen).toBe(false)
    transport.start()
    expect(transport.isOpen).toBe(false)
    sockets.last.serverOpen()
    expect(transport.isOpen).toBe(false)
    sockets.last.welcome()
    expect(transport.isOpen).toBe(true)
    sockets.last.readyState = 2 // closing: no close event yet
    expect(transport.isOpen).toBe(false)
    sockets.last.readyState = 1
    sockets.last.serverClose(1000)
    expect(transport.isOpen).toBe(false)
  })

  it('starting twice opens one socket', () => {
    const { transport, sockets } = setup()
    transport.start()
    transport.start()
    expect(sockets.sockets).toHaveLength(1)
  })

  it('stopped before it started, it never opens a socket', () => {
    const { transport, sockets, ends } = setup()
    transport.closeNormally('stopped')
    transport.start()
    expect(sockets.sockets).toHaveLength(0)
    expect(ends).toEqual([expect.objectContaining({ closedBy: 'client', clientReason: 'stopped', closeCode: CLIENT_CLOSE.normal, failed: true })])
  })

  it('a second welcome subscribes no second time', () => {
    const { transport, sockets, events } = setup()
    transport.start()
    sockets.last.serverOpen()
    sockets.last.welcome()
    sockets.last.welcome()
    expect(sockets.last.sentOfType('subscribe')).toHaveLength(1)
    expect(events.filter((e) => e.includes('welcomed after'))).toHaveLength(1)
  })

  it('does not unsubscribe from a socket that never subscribed (open, no welcome yet)', () => {
    const { transport, sockets } = setup()
    transport.start()
    sockets.last.serverOpen()
    transport.closeNormally('stopped')
    expect(sockets.last.sent).toEqual([])
    expect(sockets.last.closedWith).toEqual({ code: CLIENT_CLOSE.normal, reason: 'stopped' })
  })

  it('a refresh before the welcome pings nothing', () => {
    const { transport, sockets, clock } = setup()
    transport.start()
    clock.advance(3000)
    sockets.last.serverOpen()
    transport.refresh()
    expect(sockets.last.sent).toEqual([])
  })

  it('sends nothing before the socket is open or after the end, and says so without an error', () => {
    const { transport, sockets, events, counts } = setup()
    expect(transport.send({ type: 'ping' })).toBe(false)
    transport.start()
    expect(transport.send({ type: 'ping' })).toBe(false)
    sockets.last.serverOpen()
    sockets.last.welcome()
    transport.closeNormally('stopped')
    expect(transport.send({ type: 'ping' })).toBe(false)
    expect(events.filter((e) => e.includes('send failed'))).toEqual([])
    expect(counts.framesOut).toBe(2) // subscribe, unsubscribe
  })

  it('ends at once and for good when the engine throws on close, though the socket still says open', () => {
    const { transport, sockets, ends } = setup()
    transport.start()
    const socket = sockets.last
    socket.serverOpen()
    socket.welcome()
    socket.close = () => {
      throw new Error('InvalidStateError')
    }
    expect(() => transport.closeNormally('stopped')).not.toThrow()
    expect(socket.readyState).toBe(1)
    expect(transport.isOpen).toBe(false)
    expect(transport.send({ type: 'ping' })).toBe(false)
    expect(socket.sentOfType('ping')).toHaveLength(0)
    expect(ends).toHaveLength(1)
  })

  it('a stop after the socket ended closes it no second time: the close code it got stays', () => {
    const { transport, sockets, clock, ends } = setup()
    transport.start()
    bringUp(sockets.last)
    clock.advance(20000)
    expect(sockets.last.closedWith).toEqual({ code: CLIENT_CLOSE.heartbeatTimeout, reason: 'heartbeat timeout' })
    transport.closeNormally('stopped')
    expect(sockets.last.closedWith).toEqual({ code: CLIENT_CLOSE.heartbeatTimeout, reason: 'heartbeat timeout' })
    expect(ends).toHaveLength(1)
  })

  it('a late error from the dropped socket is swallowed, not logged', () => {
    const { transport, sockets, events } = setup()
    transport.start()
    transport.closeNormally('stopped')
    const logged = events.length
    expect(() => sockets.last.onerror?.({})).not.toThrow()
    expect(events).toHaveLength(logged)
  })

  it('delivers nothing more once the owner ended the attempt from a callback', () => {
    const { transport, sockets, clock, statuses, ends } = setup({}, (t) => t.closeNormally('owner stopped'))
    transport.start()
    bringUp(sockets.last)
    clock.advance(15000) // ping
    sockets.last.serverSend(statusFrame('confirming')) // answers the ping; the owner stops in roundTrip
    expect(statuses.map((s) => s.code)).toEqual(['waiting_payment'])
    expect(ends).toEqual([expect.objectContaining({ clientReason: 'owner stopped' })])
  })

  it('passes on the server’s clock only from frames that carry a time', () => {
    const { transport, sockets, serverTimes, events } = setup()
    transport.start()
    sockets.last.serverOpen()
    sockets.last.welcome('2026-11-25T12:00:00.000Z')
    sockets.last.serverSend({ type: 'error', message: 'Invalid channel' })
    expect(serverTimes).toEqual([Date.UTC(2026, 10, 25, 12, 0, 0)])
    expect(events.at(-1)).toBe('error:Invalid channel')
  })

  it('counts the server’s error frames', () => {
    const { transport, sockets, counts } = setup()
    transport.start()
    sockets.last.serverOpen()
    sockets.last.welcome()
    sockets.last.serverSend({ type: 'error', message: 'Invalid channel' })
    expect(counts).toEqual({ framesIn: 2, framesOut: 1, errors: 1 })
  })
})
