/**
 * The first socket and the first status request, started before the app (Vue, the store, the
 * monitor) has loaded, and held here until the app adopts them through the wrappers in
 * `handoff.ts`. The page starts them from its first script (src/boot/starter.ts, inline in the built
 * index.html), before any file has downloaded; where that did not run, nothing is pre-started and
 * the app starts its own. This file is in the starter and the entry, so it stays small and imports
 * types only.
 */
import type { CreateWebSocket, FetchLike, WebSocketLike } from '../transports/transport'

/** A pre-started request or socket older than this is not handed over: the status may have moved. */
export const PRESTART_FRESH_MS = 10_000

export type SocketEventType = 'open' | 'message' | 'error' | 'close'

export interface SocketEvent {
  type: SocketEventType
  event: unknown
}

export interface PrestartedSocket {
  url: string
  socket: WebSocketLike
  /** `now()` when the socket was created. */
  startedAt: number
  /** Events that fired before anyone adopted the socket, oldest first. */
  buffered: SocketEvent[]
  /** Set by the adopter: receives every event from then on instead of the buffer. */
  deliver: ((event: SocketEvent) => void) | null
}

export interface PrestartedRequest {
  url: string
  startedAt: number
  response: ReturnType<FetchLike>
  /** Aborts the request (the adopter's own signal is linked to it). */
  controller: AbortController
}

/** What the starter started and nobody has adopted yet. */
export interface Prestarted {
  socket: PrestartedSocket | null
  request: PrestartedRequest | null
  /** The channel they are for, and the app's poll interval (the first screen words the badge with it). */
  page?: { channelId: string; pollIntervalMs: number }
}

/** Where the inline starter leaves what it started, for the modules that load after it. */
export const PRESTARTED_GLOBAL = '__dluxPrestarted'

/** The one the starter filled (or an empty one) that the entry and the app's store read. */
export const prestarted: Prestarted = ((globalThis as Record<string, unknown>)[PRESTARTED_GLOBAL] as Prestarted | undefined) ?? {
  socket: null,
  request: null,
}

export interface PrestartEnv {
  createSocket: CreateWebSocket
  fetch: FetchLike
  /** Monotonic milliseconds (`performance.now()`). */
  now(): number
  setTimeout(callback: () => void, ms: number): unknown
}

/** A socket whose events are buffered until the app adopts it; null if it cannot even be created. */
function startSocket(url: string, startedAt: number, env: PrestartEnv): PrestartedSocket | null {
  try {
    const socket = env.createSocket(url)
    const record: PrestartedSocket = { url, socket, startedAt, buffered: [], deliver: null }
    const on = (type: SocketEventType) => (event: unknown) => {
      if (record.deliver) record.deliver({ type, event })
      else record.buffered.push({ type, event })
    }
    socket.onopen = on('open')
    socket.onmessage = on('message')
    socket.onerror = on('error')
    socket.onclose = on('close')
    return record
  } catch {
    // The app's own attempt meets the same error and reports it.
    return null
  }
}

/**
 * Starts the socket and the status request at once; whatever is not adopted in time is released.
 * `wsUrl` null: the status request only (the socket failed in this tab before, so the app starts on
 * polling and probes the socket on its own schedule).
 */
export function prestart(wsUrl: string | null, statusUrl: string, env: PrestartEnv, into: Prestarted = prestarted): void {
  const startedAt = env.now()
  if (wsUrl !== null) into.socket = startSocket(wsUrl, startedAt, env)
  const controller = new AbortController()
  // The same request the polling transport makes (src/core/transports/polling.ts).
  // Stamped with when it was sent and when it arrived: the poll schedule and a `Retry-After` count
  // from those, not from when the app adopts it.
  const response = env
    .fetch(statusUrl, { headers: { Accept: 'application/json' }, signal: controller.signal })
    .then((answer) => Object.assign(answer, { receivedAt: env.now(), sentAt: startedAt }))
  // Never adopted (or adopted and aborted): not an unhandled rejection.
  response.catch(() => undefined)
  into.request = { url: statusUrl, startedAt, response, controller }

  // The app adopts within a second or two; if it never does (it failed to load, or chose another
  // channel), the pre-started socket must not stay open and count as a client of the server.
  env.setTimeout(() => {
    if (into.socket?.startedAt === startedAt) {
      into.socket.socket.close(1000, 'not adopted')
      into.socket = null
    }
    if (into.request?.startedAt === startedAt) {
      into.request.controller.abort()
      into.request = null
    }
  }, PRESTART_FRESH_MS)
}
