/**
 * The in-page connection test: the checks a browser can make on its own, judged by the same verdict
 * module as `npm run doctor`. A fresh socket (open time, welcome, subscribe, round trip, a quiet
 * hold), the REST status route, and the page's own constraints (online, mixed content, CSP). It
 * never touches the monitor's socket. WebSocket, fetch and clock are injected.
 */
import type { Clock } from '../clock'
import { LIVENESS } from '../config'
import type { CreateWebSocket, FetchLike } from '../transports/transport'
import { TestSocket } from './testSocket'
import { judgePage, judgeRest, type RestObservation } from './pathVerdicts'
import { FLAP_LIFETIME_MS, judgeIdle, judgeRtt, judgeSubscribe, judgeUpgrade, judgeWelcome } from './socketVerdicts'
import type { Verdict } from './verdict'

export interface ConnectionTestDeps {
  createWebSocket: CreateWebSocket
  fetch: FetchLike
  clock: Clock
  /** `navigator.onLine`. */
  online(): boolean
  /** `location.protocol`, e.g. `https:`. */
  pageProtocol: string | null
  /** Listens for Content-Security-Policy violations (the blocked URL); returns the remover. */
  onCspViolation(listener: (blockedUrl: string) => void): () => void
}

export interface ConnectionTestOptions {
  wsUrl: string
  apiUrl: string
  channelId: string | null
  /**
   * How long the test socket stays open with no traffic: an idle timeout on the path shows here.
   * An idle timeout hurts the app only below its ping interval, so holding a second past that
   * interval finds every one that matters, and the whole test stays within about 20 s.
   * @default heartbeatIntervalMs + 1000 (16 s with the default 15 s)
   */
  holdMs?: number
  /** The app's quiet time before a ping (an idle timeout below it cuts the monitor's sockets). @default LIVENESS.quietMs */
  heartbeatIntervalMs?: number
  /** Deadline for open and for each answer. @default 5000 */
  timeoutMs?: number
}

export type ConnectionTestPhase = 'socket' | 'subscribe' | 'rtt' | 'hold' | 'rest' | 'done'

export interface ConnectionTestProgress {
  phase: ConnectionTestPhase
  /** For people: what runs now. */
  label: string
  /** 0..1 of the whole test, by expected time. */
  fraction: number
}

export interface ConnectionTestResult {
  verdicts: Verdict[]
  /** Wall-clock time the test started (epoch ms), for the report. */
  startedAt: number
  ms: number
  cancelled: boolean
}

/** A channel id no server has: the route must answer its JSON 404. */
const UNKNOWN_CHANNEL = '00000000000000000000000000000000'
const WELCOME_WAIT_MS = 3000
const PINGS = 5
const PONG_WAIT_MS = 2000
/** Progress ticks during the hold. */
const HOLD_TICK_MS = 1000

/** The default hold: a second past the app's quiet time before a ping. */
export function defaultHoldMs(heartbeatIntervalMs: number = LIVENESS.quietMs): number {
  return heartbeatIntervalMs + 1000
}

export class ConnectionTest {
  private socket: TestSocket | null = null
  private abort: AbortController | null = null
  private cancelled = false

  constructor(private readonly deps: ConnectionTestDeps) {}

  /** Stops at once: closes the test socket, aborts the request; `run` resolves with what it has. */
  cancel(): void {
    this.cancelled = true
    this.socket?.close()
    this.abort?.abort()
  }

  async run(options: ConnectionTestOptions, onProgress: (p: ConnectionTestProgress) => void = () => undefined): Promise<ConnectionTestResult> {
    const { clock } = this.deps
    const holdMs = options.holdMs ?? defaultHoldMs(options.heartbeatIntervalMs)
    const timeoutMs = options.timeoutMs ?? 5000
    const startedAt = clock.now()
    const started = clock.monotonic()
    // Expected durations, for a progress bar that moves evenly: the hold dominates.
    const total = 4000 + holdMs
    const progress = (phase: ConnectionTestPhase, label: string, doneMs: number): void => onProgress({ phase, label, fraction: Math.min(1, doneMs / total) })
    const cspBlocked: string[] = []
    const removeCsp = this.deps.onCspViolation((url) => cspBlocked.push(url))
    const verdicts: Verdict[] = []
    try {
      progress('socket', 'Opening a test socket', 0)
      const socket = new TestSocket(this.deps.createWebSocket, options.wsUrl, clock)
      this.socket = socket
      await this.socketChecks(socket, options, verdicts, timeoutMs)
      if (socket.isOpen && !this.cancelled) {
        progress('hold', `Holding the socket quiet for ${Math.round(holdMs / 1000)} s`, 3000)
        verdicts.push(await this.hold(socket, holdMs, options.heartbeatIntervalMs ?? LIVENESS.quietMs, (held) => progress('hold', `Holding the socket quiet: ${Math.round(held / 1000)} of ${Math.round(holdMs / 1000)} s`, 3000 + held)))
      }
      socket.close()
      if (!this.cancelled) {
        progress('rest', 'Asking the status route', 3000 + holdMs)
        verdicts.push(judgeRest(await this.rest(options, timeoutMs)))
      }
    } finally {
      removeCsp()
      this.socket?.close()
    }
    const page = judgePage({ online: this.deps.online(), pageProtocol: this.deps.pageProtocol, wsUrl: options.wsUrl, apiUrl: options.apiUrl, cspBlocked })
    progress('done', this.cancelled ? 'Cancelled' : 'Done', total)
    return { verdicts: [...page, ...verdicts], startedAt, ms: clock.monotonic() - started, cancelled: this.cancelled }
  }

  private async socketChecks(socket: TestSocket, options: ConnectionTestOptions, verdicts: Verdict[], timeoutMs: number): Promise<void> {
    const { clock } = this.deps
    await socket.until(() => socket.openAt !== null || socket.closed !== null || socket.createError !== null, timeoutMs)
    if (socket.openAt === null) {
      const waited = clock.monotonic() - socket.startedAt
      const error = socket.createError ?? (socket.closed ? `closed with ${socket.closed.code} before opening` : null)
      verdicts.push(judgeUpgrade({ status: null, statusText: '', headers: {}, bodyStart: '', timedOut: socket.closed === null && socket.createError === null, waitedMs: waited, error }))
      return
    }
    verdicts.push(judgeUpgrade({ status: 101, statusText: 'Switching Protocols', headers: {}, bodyStart: '', timedOut: false, waitedMs: socket.openAt - socket.startedAt, error: null }))
    await socket.until(() => socket.welcomeAt !== null || socket.closed !== null, WELCOME_WAIT_MS)

    if (options.channelId !== null && socket.isOpen && socket.welcomeAt !== null) {
      const channelId = options.channelId
      const at = clock.monotonic()
      socket.send({ type: 'subscribe', channelId })
      const frame = await socket.next((f) => (f.type === 'status_update' && f.channelId === channelId) || f.type === 'error', timeoutMs)
      // Unsubscribed at once: the hold below must be quiet (the server pushes every 10 s to subscribers).
      socket.send({ type: 'unsubscribe', channelId })
      verdicts.push(
        judgeSubscribe({
          firstStatus: frame?.type === 'status_update' && typeof frame.status === 'string' ? frame.status : null,
          afterMs: frame ? clock.monotonic() - at : null,
          error: frame?.type === 'error' ? String(frame.message ?? 'error') : null,
        }),
      )
    }

    const samples: number[] = []
    let sent = 0
    for (let i = 0; i < PINGS && socket.isOpen && socket.welcomeAt !== null && !this.cancelled; i++) {
      const at = clock.monotonic()
      sent++
      socket.send({ type: 'ping' })
      if (await socket.next((f) => f.type === 'pong', PONG_WAIT_MS)) samples.push(clock.monotonic() - at)
    }
    // A flap needs a moment to show: stay until a second after open has passed.
    const openAt = socket.openAt
    const left = FLAP_LIFETIME_MS - (clock.monotonic() - openAt)
    if (left > 0) await socket.until(() => socket.closed !== null, left)
    const closed = socket.closed
    verdicts.push(
      judgeWelcome({
        openMs: openAt - socket.startedAt,
        welcomeAfterOpenMs: socket.welcomeAt === null ? null : socket.welcomeAt - openAt,
        closed: closed ? { code: closed.code, afterOpenMs: closed.at - openAt } : null,
      }),
    )
    if (sent > 0) verdicts.push(judgeRtt({ sent, samplesMs: samples }))
  }

  private async hold(socket: TestSocket, holdMs: number, heartbeatIntervalMs: number, tick: (heldMs: number) => void): Promise<Verdict> {
    const { clock } = this.deps
    // Quiet since the last frame either way: an idle timeout then reads as its own length.
    const start = socket.lastFrameAt
    while (socket.closed === null && !this.cancelled) {
      const held = clock.monotonic() - start
      if (held >= holdMs) break
      await socket.until(() => socket.closed !== null, Math.min(HOLD_TICK_MS, holdMs - held))
      tick(Math.min(holdMs, clock.monotonic() - start))
    }
    const closed = socket.closed
    const heldMs = clock.monotonic() - start
    return judgeIdle({
      holdMs: closed ? Math.min(heldMs, holdMs) : heldMs,
      heartbeatIntervalMs,
      quiet: closed
        ? { closedAfterMs: closed.at - start, code: closed.code, closeFrame: closed.wasClean, quietBeforeCloseMs: closed.at - socket.lastFrameAt }
        : { closedAfterMs: null, code: null, closeFrame: false, quietBeforeCloseMs: null },
    })
  }

  private async rest(options: ConnectionTestOptions, timeoutMs: number): Promise<RestObservation> {
    const { clock } = this.deps
    const url = `${options.apiUrl.replace(/\/+$/, '')}/api/onboarding/payment/status/${encodeURIComponent(options.channelId ?? UNKNOWN_CHANNEL)}`
    const abort = new AbortController()
    this.abort = abort
    const timer = clock.setTimeout(() => abort.abort(), timeoutMs)
    const at = clock.monotonic()
    const base = { url, realChannel: options.channelId !== null }
    try {
      const res = await this.deps.fetch(url, { method: 'GET', headers: { accept: 'application/json' }, signal: abort.signal })
      const text = await res.text()
      let json = false
      try {
        json = typeof (JSON.parse(text) as { success?: unknown } | null)?.success === 'boolean'
      } catch {
        json = false
      }
      return { ...base, status: res.status, contentType: res.headers.get('content-type'), json, error: null, ms: clock.monotonic() - at }
    } catch (error) {
      // In a browser a CORS refusal is indistinguishable from a network error.
      const why = abort.signal.aborted ? `no answer within ${Math.round(timeoutMs / 1000)} s` : `network error or CORS refusal (${error instanceof Error ? error.message : String(error)})`
      return { ...base, status: null, contentType: null, json: false, error: why, ms: clock.monotonic() - at }
    } finally {
      clock.clearTimeout(timer)
    }
  }
}
