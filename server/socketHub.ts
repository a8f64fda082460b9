/**
 * The `/ws/payment-monitor` WebSocket, speaking as the real server does: the Origin check, the
 * welcome 150 ms after open, subscriptions with a periodic status per channel, the error frames
 * word for word. Faults hook in at the upgrade, after the welcome, after a subscribe, and on
 * every status frame.
 */
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, WebSocket } from 'ws'
import { WS_PATH } from '../src/core/protocol/messages.js'
import { closeCodeMeaning } from '../src/core/protocol/closeCodes.js'
import type { ChannelStore } from './channelStore.js'
import type { FaultSocket, FaultTimings } from './faultHooks.js'
import type { FaultRegistry } from './faultRegistry.js'
import { pathOf } from './http.js'
import { quoteForLog, type SimLog } from './log.js'
import { clearTimers, later, openConnection, send, type Connection } from './socketConnection.js'
import { handleClientMessage, type ClientMessageContext } from './socketMessages.js'
import { createSubscriptions } from './socketSubscriptions.js'
import { isOriginAllowed, refuseUpgrade } from './socketUpgrade.js'

/** Largest frame a client may send; larger ones close the socket with 1009. */
const MAX_CLIENT_FRAME = 64 * 1024

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
  const subscriptions = createSubscriptions({ store, faults, log, timings, statusIntervalMs: options.statusIntervalMs })
  const messages: ClientMessageContext = { store, log, subscriptions }
  const hanging = new Set<Duplex>()
  let closing = false

  function onConnection(ws: WebSocket, req: IncomingMessage): void {
    const conn = openConnection(ws, log)
    connections.add(conn)
    const origin = req.headers.origin
    log.add({ kind: 'open', connectionId: conn.id, detail: `origin=${origin === undefined ? 'none' : quoteForLog(origin)}` })

    ws.on('message', (data, isBinary) => handleClientMessage(messages, conn, data, isBinary))
    ws.on('error', (error) => {
      log.add({ kind: 'error', connectionId: conn.id, detail: error.message })
    })
    ws.on('close', (code, reason) => {
      clearTimers(conn)
      for (const channelId of [...conn.channels]) subscriptions.unsubscribe(conn, channelId)
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

    later(
      conn,
      () => {
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
      },
      options.welcomeDelayMs,
    )
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
      const list = channelId === null ? connections : subscriptions.subscribersOf(channelId)
      return [...list].map((conn) => conn.handle)
    },
    publish: subscriptions.publish,
    closeAllSockets,
    async close() {
      closing = true
      subscriptions.close()
      for (const socket of hanging) socket.destroy()
      hanging.clear()
      closeAllSockets(1001, 'Server shutting down')
      // Give clients a moment to answer the close frame, then cut whatever is left.
      for (let waited = 0; connections.size > 0 && waited < 500; waited += 25) {
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
      for (const conn of connections) {
        clearTimers(conn)
        conn.ws.terminate()
      }
      await new Promise<void>((resolve) => wss.close(() => resolve()))
    },
  }
}
