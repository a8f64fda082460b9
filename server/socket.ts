/**
 * The `/ws/payment-monitor` WebSocket, speaking as the real server does: the Origin check, the
 * welcome 150 ms after open, subscriptions with a periodic status per channel, the error frames
 * word for word. Faults hook in at the upgrade, after the welcome, after a subscribe, and on
 * every status frame.
 */
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, WebSocket, type RawData } from 'ws'
import {
  SERVER_ERRORS,
  WS_PATH,
  type ErrorMessage,
  type ServerMessage,
} from '../src/core/protocol/messages.js'
import { closeCodeMeaning } from '../src/core/diagnostics/closeCodes.js'
import { isExpired, type ChannelState } from './channelState.js'
import type { ChannelStore } from './channelStore.js'
import type { FaultSocket, FaultTimings } from './faultHooks.js'
import type { FaultRegistry } from './faultRegistry.js'
import { newConnectionId } from './fakes.js'
import { pathOf, type HttpRefusal } from './http.js'
import type { SimLog } from './log.js'
import { TX_HASH } from './validation.js'
import { statusFrame } from './wire.js'

/** Origins the production server accepts exactly. */
const PRODUCTION_ORIGINS = ['https://dlux.io', 'https://www.dlux.io', 'https://vue.dlux.io', 'https://data.dlux.io']

/**
 * The production allow-list (exact origins, plus a *substring* test for `localhost`, as the real
 * server does it), widened by the simulator to loopback IPs so tests on 127.0.0.1 can connect.
 * No Origin at all (Node clients, tools) is allowed, as in production.
 */
export function isOriginAllowed(origin: string | undefined): boolean {
  if (origin === undefined) return true
  if (PRODUCTION_ORIGINS.includes(origin)) return true
  if (origin.includes('localhost')) return true
  return /^https?:\/\/(127\.0\.0\.1|\[::1\])(:\d{1,5})?$/.test(origin)
}

/** Largest frame a client may send; larger ones close the socket with 1009. */
const MAX_CLIENT_FRAME = 64 * 1024
/** Longest client-supplied string echoed back or logged. */
const MAX_ECHO = 128

/** A client string made safe for one log line: quoted, escaped, truncated. */
export function quoteForLog(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value)
  return JSON.stringify(text.length > MAX_ECHO ? `${text.slice(0, MAX_ECHO)}…` : text)
}


/** A server frame; the real server stamps every broadcast with a `timestamp`. */
type Outgoing = ServerMessage & { timestamp?: string }

export interface SocketHubOptions {
  store: ChannelStore
  faults: FaultRegistry
  log: SimLog
  timings: FaultTimings
  /** Period of the status_update a subscribed channel gets. @default 10000 (production) */
  statusIntervalMs: number
  /** Delay between open and the welcome frame. @default 150 (production) */
  welcomeDelayMs: number
}

export interface SocketHub {
  /**
   * Takes an HTTP upgrade for `/ws/payment-monitor` and returns true; returns false for any other
   * path without touching the socket, so other listeners (Vite's HMR) can take it.
   */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean
  /** Open WebSocket connections. */
  connectionCount(): number
  /** Sockets a fault covers: all, or one channel's subscribers. */
  socketsFor(channelId: string | null): FaultSocket[]
  /** Sends a channel's current status to its subscribers (after a change). */
  publish(channelId: string): void
  /** Closes every open socket with a close frame. */
  closeAllSockets(code: number, reason: string): void
  /** Closes every socket (1001), ends hanging handshakes, stops every timer. */
  close(): Promise<void>
}

interface Connection {
  id: string
  ws: WebSocket
  openedAt: number
  channels: Set<string>
  muted: boolean
  cutScheduled: boolean
  timers: Set<NodeJS.Timeout>
  handle: FaultSocket
}

/** Writes an HTTP answer on a raw socket instead of the 101, then closes it. */
function refuseUpgrade(socket: Duplex, refusal: HttpRefusal): void {
  if (!socket.writable) {
    socket.destroy()
    return
  }
  const headers: Record<string, string | number> = {
    Connection: 'close',
    'Content-Type': 'text/html',
    'Content-Length': Buffer.byteLength(refusal.body),
    ...refusal.headers,
  }
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')
  socket.once('finish', () => socket.destroy())
  socket.end(`HTTP/1.1 ${refusal.status} ${refusal.statusText}\r\n${head}\r\n${refusal.body}`)
}

/** Creates the hub. It owns no listening socket: callers pass it upgrades. */
export function createSocketHub(options: SocketHubOptions): SocketHub {
  const { store, faults, log, timings } = options
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_CLIENT_FRAME,
    perMessageDeflate: false,
    clientTracking: false,
  })
  const connections = new Set<Connection>()
  const subscribers = new Map<string, Set<Connection>>()
  const monitors = new Map<string, NodeJS.Timeout>()
  const hanging = new Set<Duplex>()
  let closing = false

  // ---- sending ----

  function sendRaw(conn: Connection, data: string | Uint8Array): void {
    if (conn.muted || conn.ws.readyState !== WebSocket.OPEN) return
    conn.ws.send(data, { binary: typeof data !== 'string' })
  }

  function send(conn: Connection, message: Outgoing): void {
    sendRaw(conn, JSON.stringify(message))
  }

  /** Like the real `broadcastToChannel`: every subscriber of the channel gets the frame. */
  function broadcast(channelId: string, message: Outgoing): void {
    const subs = subscribers.get(channelId)
    if (!subs) return
    const text = JSON.stringify(message)
    for (const conn of subs) sendRaw(conn, text)
  }

  /** The channel as readers see it under the fault in force (null: not found). */
  function view(channelId: string): ChannelState | null {
    const state = store.get(channelId)
    if (!state) return null
    const view = faults.forChannel(channelId)?.fault.view
    return view ? view(state, Date.now()) : state
  }

  function notFound(channelId: string): ErrorMessage {
    return { type: 'error', message: SERVER_ERRORS.channelNotFound, channelId, timestamp: new Date().toISOString() }
  }

  /** The status_update for a channel as readers see it now, or the not-found error; null: a fault withholds it. */
  function currentFrame(channelId: string): Outgoing | null {
    const state = view(channelId)
    if (!state) return notFound(channelId)
    const rewrite = faults.forChannel(channelId)?.fault.frame
    const frame = statusFrame(state)
    return rewrite ? rewrite(frame) : frame
  }

  /** The real `sendChannelStatus`: a status_update, or the not-found error, to every subscriber. */
  function publish(channelId: string): void {
    const frame = subscribers.has(channelId) ? currentFrame(channelId) : null
    if (frame) broadcast(channelId, frame)
  }

  // ---- subscriptions ----

  function startMonitor(channelId: string): void {
    if (monitors.has(channelId)) return
    // One timer per channel, as the real server keeps one monitoring interval per channel.
    monitors.set(channelId, setInterval(() => publish(channelId), options.statusIntervalMs))
  }

  function unsubscribe(conn: Connection, channelId: string): void {
    const subs = subscribers.get(channelId)
    conn.channels.delete(channelId)
    if (!subs) return
    subs.delete(conn)
    if (subs.size > 0) return
    subscribers.delete(channelId)
    clearInterval(monitors.get(channelId))
    monitors.delete(channelId)
  }

  function subscribe(conn: Connection, channelId: string): void {
    let subs = subscribers.get(channelId)
    if (!subs) subscribers.set(channelId, (subs = new Set()))
    subs.add(conn)
    conn.channels.add(channelId)
    log.add({ kind: 'subscribe', connectionId: conn.id, channelId })
    // The real server broadcasts here, so every subscriber gets an extra frame per subscribe;
    // answering the subscriber alone keeps 1000 sockets on one channel linear (benchmarks).
    const frame = currentFrame(channelId)
    if (frame) send(conn, frame)
    const active = faults.forChannel(channelId)
    if (active?.fault.burst) for (const frame of active.fault.burst(channelId)) sendRaw(conn, frame)
    // A per-channel socket fault takes hold here: the earliest moment the socket names a channel.
    active?.fault.socket?.(conn.handle, timings)
    startMonitor(channelId)
  }

  // ---- client messages ----

  function paymentSent(conn: Connection, channelId: string, txHash: unknown): void {
    log.add({ kind: 'payment_sent', connectionId: conn.id, channelId })
    const state = view(channelId)
    if (!state) {
      send(conn, notFound(channelId))
      return
    }
    if (typeof txHash !== 'string' || !TX_HASH.test(txHash)) {
      send(conn, {
        type: 'error',
        message: 'Failed to process payment transaction',
        details: 'Transaction hash must be 32 to 128 hexadecimal characters',
        channelId,
        timestamp: new Date().toISOString(),
      })
      return
    }
    const waiting = state.status === 'pending' && !state.txHash && !isExpired(state)
    const timestamp = new Date().toISOString()
    if (waiting) {
      broadcast(channelId, {
        type: 'payment_sent_confirmed',
        channelId,
        txHash,
        message: '⏳ Payment recorded, verifying on blockchain...',
        note: 'Transaction will be automatically verified when confirmed',
        timestamp,
      })
      // The store's change listener publishes the status_update that follows.
      store.recordPayment(channelId, txHash)
      return
    }
    broadcast(channelId, {
      type: 'payment_verified',
      channelId,
      txHash: state.txHash ?? txHash,
      message: '✅ Payment verified on blockchain',
      transaction: {
        hash: state.txHash ?? txHash,
        confirmations: state.confirmations,
        amount: state.amountCrypto,
        currency: state.cryptoType,
      },
      timestamp,
    })
    publish(channelId)
  }

  function onMessage(conn: Connection, data: RawData, isBinary: boolean): void {
    // A silent socket is dead to its client: it neither answers nor acts.
    if (conn.muted) return
    let message: unknown
    try {
      if (isBinary) throw new SyntaxError('Binary frames are not supported')
      message = JSON.parse(data.toString())
      if (typeof message !== 'object' || message === null || Array.isArray(message)) {
        throw new SyntaxError('Message must be a JSON object')
      }
    } catch (error) {
      send(conn, {
        type: 'error',
        message: SERVER_ERRORS.invalidFormat,
        details: error instanceof Error ? error.message.slice(0, 200) : 'Unreadable message',
        timestamp: new Date().toISOString(),
      })
      return
    }
    const fields = message as Record<string, unknown>
    const channelId = typeof fields.channelId === 'string' && fields.channelId !== '' ? fields.channelId : null
    switch (fields.type) {
      case 'subscribe':
        // The real server answers this one without a timestamp.
        if (!channelId) send(conn, { type: 'error', message: SERVER_ERRORS.channelIdRequired })
        else subscribe(conn, channelId)
        return
      case 'unsubscribe':
        if (channelId) {
          unsubscribe(conn, channelId)
          log.add({ kind: 'unsubscribe', connectionId: conn.id, channelId })
        }
        return
      case 'payment_sent':
        if (!channelId) send(conn, { type: 'error', message: SERVER_ERRORS.channelIdRequired })
        else paymentSent(conn, channelId, fields.txHash)
        return
      case 'ping':
        send(conn, { type: 'pong', timestamp: new Date().toISOString() })
        return
      default: {
        const received = fields.type
        send(conn, {
          type: 'error',
          message: SERVER_ERRORS.unknownType,
          ...(typeof received === 'string' ? { receivedType: received.slice(0, MAX_ECHO) } : {}),
        })
      }
    }
  }

  // ---- connection lifecycle ----

  function onConnection(ws: WebSocket, req: IncomingMessage): void {
    const conn: Connection = {
      id: newConnectionId(),
      ws,
      openedAt: Date.now(),
      channels: new Set(),
      muted: false,
      cutScheduled: false,
      timers: new Set(),
      handle: {
        cut(afterMs) {
          if (conn.cutScheduled) return
          conn.cutScheduled = true
          later(() => {
            log.add({ kind: 'cut', connectionId: conn.id, detail: 'socket destroyed without a close frame' })
            // terminate() destroys the TCP socket: no close frame, so the browser reports 1006.
            ws.terminate()
          }, afterMs)
        },
        mute() {
          if (conn.muted) return
          conn.muted = true
          log.add({ kind: 'mute', connectionId: conn.id, detail: 'socket silent from now on' })
        },
      },
    }
    function later(fn: () => void, ms: number): void {
      const timer = setTimeout(() => {
        conn.timers.delete(timer)
        fn()
      }, ms)
      conn.timers.add(timer)
    }
    connections.add(conn)
    const origin = req.headers.origin
    log.add({ kind: 'open', connectionId: conn.id, detail: `origin=${origin === undefined ? 'none' : quoteForLog(origin)}` })

    ws.on('message', (data, isBinary) => onMessage(conn, data, isBinary))
    ws.on('error', (error) => {
      log.add({ kind: 'error', connectionId: conn.id, detail: error.message })
    })
    ws.on('close', (code, reason) => {
      for (const timer of conn.timers) clearTimeout(timer)
      conn.timers.clear()
      for (const channelId of [...conn.channels]) unsubscribe(conn, channelId)
      connections.delete(conn)
      const why = reason.length > 0 ? ` reason=${quoteForLog(reason.toString())}` : ''
      log.add({
        kind: 'close',
        connectionId: conn.id,
        code,
        meaning: closeCodeMeaning(code),
        detail: `after ${Date.now() - conn.openedAt} ms${why}`,
      })
    })

    later(() => {
      send(conn, {
        type: 'connected',
        message: 'WebSocket connection established',
        timestamp: new Date().toISOString(),
        server: 'DLUX Payment Monitor',
        connectionId: conn.id,
      })
      if (ws.readyState !== WebSocket.OPEN) return
      log.add({ kind: 'welcome', connectionId: conn.id })
      faults.global()?.fault.socket?.(conn.handle, timings)
    }, options.welcomeDelayMs)
  }

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    if (pathOf(req) !== WS_PATH) return false
    // A client that resets mid-handshake must not crash the process.
    socket.on('error', () => socket.destroy())
    if (closing) {
      socket.destroy()
      return true
    }
    const origin = req.headers.origin
    if (!isOriginAllowed(origin)) {
      log.add({ kind: 'refused', httpStatus: 403, detail: `origin ${quoteForLog(origin)} not allowed` })
      refuseUpgrade(socket, { status: 403, statusText: 'Forbidden', body: 'Forbidden' })
      return true
    }
    const active = faults.global()
    const verdict = active?.fault.upgrade?.(timings) ?? { kind: 'accept' }
    switch (verdict.kind) {
      case 'refuse':
        log.add({ kind: 'refused', httpStatus: verdict.refusal.status, fault: active?.name })
        refuseUpgrade(socket, verdict.refusal)
        return true
      case 'hang':
        hanging.add(socket)
        socket.once('close', () => hanging.delete(socket))
        log.add({ kind: 'hang', fault: active?.name, detail: 'upgrade left unanswered' })
        return true
      case 'accept':
        wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, req))
        return true
    }
  }

  function closeAllSockets(code: number, reason: string): void {
    for (const conn of connections) {
      if (conn.ws.readyState === WebSocket.OPEN || conn.ws.readyState === WebSocket.CONNECTING) {
        conn.ws.close(code, reason)
      }
    }
  }

  return {
    handleUpgrade,
    connectionCount: () => connections.size,
    socketsFor(channelId) {
      const list = channelId === null ? connections : (subscribers.get(channelId) ?? new Set<Connection>())
      return [...list].map((conn) => conn.handle)
    },
    publish,
    closeAllSockets,
    async close() {
      closing = true
      for (const timer of monitors.values()) clearInterval(timer)
      monitors.clear()
      for (const socket of hanging) socket.destroy()
      hanging.clear()
      closeAllSockets(1001, 'Server shutting down')
      // Give clients a moment to answer the close frame, then cut whatever is left.
      for (let waited = 0; connections.size > 0 && waited < 500; waited += 25) {
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
      for (const conn of connections) {
        for (const timer of conn.timers) clearTimeout(timer)
        conn.timers.clear()
        conn.ws.terminate()
      }
      await new Promise<void>((resolve) => wss.close(() => resolve()))
    },
  }
}
