/**
 * One open payment socket: its id, the channels it follows, its timers, sending to it, and the
 * handle faults get on it (cut, mute).
 */
import { WebSocket } from 'ws'
import type { ServerMessage } from '../src/core/protocol/messages.js'
import { newConnectionId } from './fakes.js'
import type { FaultSocket } from './faultHooks.js'
import type { SimLog } from './log.js'

/** A server frame; the real server stamps every broadcast with a `timestamp`. */
export type Outgoing = ServerMessage & { timestamp?: string }

export interface Connection {
  id: string
  ws: WebSocket
  openedAt: number
  channels: Set<string>
  muted: boolean
  cutScheduled: boolean
  timers: Set<NodeJS.Timeout>
  handle: FaultSocket
}

export function sendRaw(conn: Connection, data: string | Uint8Array): void {
  if (conn.muted || conn.ws.readyState !== WebSocket.OPEN) return
  conn.ws.send(data, { binary: typeof data !== 'string' })
}

export function send(conn: Connection, message: Outgoing): void {
  sendRaw(conn, JSON.stringify(message))
}

/** Runs `fn` after `ms`, unless the connection's timers are cleared first (it closed). */
export function later(conn: Connection, fn: () => void, ms: number): void {
  const timer = setTimeout(() => {
    conn.timers.delete(timer)
    fn()
  }, ms)
  conn.timers.add(timer)
}

export function clearTimers(conn: Connection): void {
  for (const timer of conn.timers) clearTimeout(timer)
  conn.timers.clear()
}

/** The record of a socket just opened, with a new id. */
export function openConnection(ws: WebSocket, log: SimLog): Connection {
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
        later(
          conn,
          () => {
            log.add({ kind: 'cut', connectionId: conn.id, detail: 'socket destroyed without a close frame' })
            // terminate() destroys the TCP socket: no close frame, so the browser reports 1006.
            ws.terminate()
          },
          afterMs,
        )
      },
      mute() {
        if (conn.muted) return
        conn.muted = true
        log.add({ kind: 'mute', connectionId: conn.id, detail: 'socket silent from now on' })
      },
    },
  }
  return conn
}
