/**
 * Hands the socket and the status request that the entry pre-started (prestart.ts) to the app.
 * The store wraps its `createSocket` and `fetch` with these: the first matching call gets the
 * pre-started one, every other call goes through unchanged. The monitor cannot tell the
 * difference: an adopted socket replays, in order, the events it missed, and then behaves as the
 * socket it wraps.
 */
import type { CreateWebSocket, FetchLike, WebSocketLike } from '../transports/transport'
import { PRESTART_FRESH_MS, prestarted, type Prestarted, type PrestartedSocket, type SocketEvent } from './prestart'

const CONNECTING = 0
const OPEN = 1
const CLOSED = 3

const monotonic = (): number => performance.now()

/**
 * A pre-started socket seen as a fresh one. Its adopter sets the `on…` handlers right after
 * receiving it, in the same task; the events that fired before are replayed one microtask later,
 * once every handler is in place, and later events pass straight through.
 */
export class AdoptedSocket implements WebSocketLike {
  onopen: ((event: unknown) => void) | null = null
  onmessage: ((event: { data: unknown }) => void) | null = null
  onerror: ((event: unknown) => void) | null = null
  onclose: ((event: { code: number; reason: string; wasClean: boolean }) => void) | null = null
  /** readyState as of the events delivered so far, while older ones are still being replayed. */
  private replayedState = CONNECTING
  private replaying = true
  private closedByApp = false

  constructor(private readonly pre: PrestartedSocket) {
    pre.deliver = (event) => (this.replaying ? pre.buffered.push(event) : this.dispatch(event))
    queueMicrotask(() => this.replay())
  }

  get url(): string {
    return this.pre.url
  }

  /** During the replay, the state a fresh socket would have after the events delivered so far. */
  get readyState(): number {
    return this.replaying && !this.closedByApp ? this.replayedState : this.pre.socket.readyState
  }

  send(data: string): void {
    this.pre.socket.send(data)
  }

  close(code?: number, reason?: string): void {
    this.closedByApp = true
    this.pre.socket.close(code, reason)
  }

  private replay(): void {
    for (let next = this.pre.buffered.shift(); next; next = this.pre.buffered.shift()) this.dispatch(next)
    this.replaying = false
  }

  private dispatch({ type, event }: SocketEvent): void {
    // A socket its owner closed reports nothing but its close, as a browser's does.
    if (this.closedByApp && type !== 'close') return
    if (type === 'open') this.replayedState = OPEN
    if (type === 'close') this.replayedState = CLOSED
    if (type === 'open') this.onopen?.(event)
    else if (type === 'message') this.onmessage?.(event as { data: unknown })
    else if (type === 'error') this.onerror?.(event)
    else this.onclose?.(event as { code: number; reason: string; wasClean: boolean })
  }
}

/** `create`, except that the first call for the pre-started URL gets the pre-started socket. */
export function adoptingSocket(create: CreateWebSocket, pending: Prestarted = prestarted, now: () => number = monotonic): CreateWebSocket {
  return (url) => {
    const pre = pending.socket
    if (!pre || pre.url !== url) return create(url)
    pending.socket = null
    if (now() - pre.startedAt < PRESTART_FRESH_MS) return new AdoptedSocket(pre)
    pre.socket.close(1000, 'not adopted in time')
    return create(url)
  }
}

/**
 * `fetch`, except that the first GET of the pre-started URL gets the pre-started response while
 * it is fresh. Aborting the caller's signal aborts the pre-started request, as it would its own.
 */
export function adoptingFetch(fetch: FetchLike, pending: Prestarted = prestarted, now: () => number = monotonic): FetchLike {
  return (url, init) => {
    const pre = pending.request
    if (!pre || pre.url !== url || (init.method ?? 'GET').toUpperCase() !== 'GET') return fetch(url, init)
    pending.request = null
    const signal = init.signal
    if (now() - pre.startedAt >= PRESTART_FRESH_MS || signal?.aborted) {
      pre.controller.abort()
      return fetch(url, init)
    }
    signal?.addEventListener('abort', () => pre.controller.abort(), { once: true })
    return pre.response
  }
}
