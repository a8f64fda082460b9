/**
 * One WebSocket of the in-page connection test, with the times of what happened to it, and waits
 * bounded by the injected clock. It is never the monitor's socket: the test opens its own.
 */
import type { Clock } from '../clock'
import type { CreateWebSocket, WebSocketLike } from '../transports/transport'

export interface TestFrame {
  type?: unknown
  channelId?: unknown
  status?: unknown
  message?: unknown
}

export class TestSocket {
  readonly startedAt: number
  openAt: number | null = null
  welcomeAt: number | null = null
  closed: { code: number; at: number; wasClean: boolean } | null = null
  lastFrameAt: number
  /** Why the socket could not even be created (mixed content, a bad URL). */
  readonly createError: string | null
  private readonly ws: WebSocketLike | null
  /** Closed by the test itself: every pending wait ends at once. */
  private ended = false
  private waiters = new Set<() => void>()
  private frameListeners = new Set<(frame: TestFrame) => void>()

  constructor(
    create: CreateWebSocket,
    url: string,
    private readonly clock: Clock,
  ) {
    this.startedAt = clock.monotonic()
    this.lastFrameAt = this.startedAt
    let ws: WebSocketLike | null = null
    let createError: string | null = null
    try {
      ws = create(url)
    } catch (error) {
      createError = error instanceof Error ? error.message : String(error)
    }
    this.ws = ws
    this.createError = createError
    if (!ws) return
    ws.onopen = () => {
      this.openAt = this.clock.monotonic()
      this.lastFrameAt = this.openAt
      this.wake()
    }
    ws.onmessage = (event) => {
      this.lastFrameAt = this.clock.monotonic()
      let frame: TestFrame
      try {
        frame = JSON.parse(String(event.data)) as TestFrame
      } catch {
        return
      }
      if (frame === null || typeof frame !== 'object') return
      if (frame.type === 'connected' && this.welcomeAt === null) this.welcomeAt = this.lastFrameAt
      for (const listener of [...this.frameListeners]) listener(frame)
      this.wake()
    }
    ws.onerror = () => undefined
    ws.onclose = (event) => {
      this.closed = { code: event.code, at: this.clock.monotonic(), wasClean: event.wasClean }
      this.wake()
    }
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter()
  }

  /** Resolves true once `condition` holds, false at the deadline. Re-checked on every socket event. */
  until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
    if (condition()) return Promise.resolve(true)
    if (this.ended) return Promise.resolve(false)
    return new Promise((resolve) => {
      const done = (ok: boolean): void => {
        this.clock.clearTimeout(timer)
        this.waiters.delete(check)
        resolve(ok)
      }
      const check = (): void => {
        if (condition()) done(true)
        else if (this.ended) done(false)
      }
      const timer = this.clock.setTimeout(() => done(condition()), timeoutMs)
      this.waiters.add(check)
    })
  }

  /** The first frame `match` accepts within `timeoutMs`, or null (also when the socket closes). */
  async next(match: (frame: TestFrame) => boolean, timeoutMs: number): Promise<TestFrame | null> {
    let found: TestFrame | null = null
    const listener = (frame: TestFrame): void => {
      if (found === null && match(frame)) found = frame
    }
    this.frameListeners.add(listener)
    await this.until(() => found !== null || this.closed !== null, timeoutMs)
    this.frameListeners.delete(listener)
    return found
  }

  get isOpen(): boolean {
    return this.openAt !== null && this.closed === null
  }

  send(frame: object): void {
    if (!this.ws || !this.isOpen) return
    this.lastFrameAt = this.clock.monotonic()
    this.ws.send(JSON.stringify(frame))
  }

  /** Closes with 1000 if still open or opening, and ends every pending wait; idempotent. */
  close(): void {
    if (this.ended) return
    this.ended = true
    if (this.ws && this.closed === null) {
      this.ws.onopen = this.ws.onmessage = this.ws.onerror = this.ws.onclose = null
      this.ws.close(1000, 'connection test done')
    }
    this.wake()
  }
}
