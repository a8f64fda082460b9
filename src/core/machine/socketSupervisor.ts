/**
 * Keeps one WebSocket attempt going for the policy (what socket.io's Manager is to engine.io's
 * Socket): starts attempts with ids, reports the current one's events and ignores stale ones,
 * schedules reconnects with backoff, spreads reconnects after a server restart, and remembers in
 * the tab whether the socket ever proved healthy.
 */
import { Backoff } from '../backoff'
import { SingleTimer, type Clock } from '../clock'
import { LIVENESS, type MonitorConfig } from '../config'
import type { DiagnosticsRecorder } from './recorder'
import type { ErrorMessage, PaymentSentConfirmedMessage, PaymentVerifiedMessage } from '../protocol/messages'
import type { IncomingMeta } from '../protocol/merge'
import type { PaymentStatus } from '../protocol/status'
import type { CreateWebSocket } from '../transports/transport'
import type { SocketAttempt } from '../transports/socketAttempt'
import { WebSocketTransport } from '../transports/websocket'
import { CLIENT_CLOSE } from '../protocol/closeCodes'
import { SocketMemory, type StorageLike } from './socketMemory'

/** What the current attempt reports to the policy; stale attempts report nothing. */
export interface SupervisorEvents {
  status(status: PaymentStatus, meta: IncomingMeta): void
  serverTime(ms: number): void
  serverError(message: ErrorMessage): void
  paymentAck(message: PaymentVerifiedMessage | PaymentSentConfirmedMessage): void
  statusOverdue(): void
  /** The current attempt ended without being asked to; `restart`: the server announced it is going away. */
  lost(record: SocketAttempt, restart: boolean): void
}

export interface SupervisorOptions {
  config: MonitorConfig
  createSocket: CreateWebSocket
  clock: Clock
  random: () => number
  storage: StorageLike | null
  diagnostics: DiagnosticsRecorder
  /** Runs timer work as one change. */
  batch: (work: () => void) => void
}

/** Close codes by which a server announces it is going away: all its clients lost it at once. */
const SERVER_GOING_AWAY: ReadonlySet<number> = new Set([1001, 1012, 1013])
/** A retry inside the restart window waits at least this long. */
const RESTART_RETRY_FLOOR_MS = 500
/**
 * Attempts that fail before `open` (upgrade refused, handshake never answered) this many times in a
 * row mean the path does not carry WebSockets: a proxy that refuses once refuses every time.
 */
const REFUSALS_BEFORE_SLOW_PROBES = 2
/** Back from polling, a probe socket must have delivered a status and stayed up this long (no "Live" flicker). */
export const PROBATION_MS = 2000
/** What an attempt on a working path takes from its start to the server's first status (production: about 0.2 s). */
const HANDSHAKE_ALLOWANCE_MS = 500
/**
 * A path that carried a healthy socket this recently (on this page, or in this tab before a
 * reload) is not judged by its refusals: a server killed or crashed without a word refuses while it
 * is down and is back within a minute or two. Its socket is retried by the backoff, capped so that
 * the page is back on it, probation included, within `BACK_AFTER_RESTART_MS` of the server's return.
 */
export const RECENT_PATH_MS = 10 * 60_000
export const BACK_AFTER_RESTART_MS = 15_000
export const RECENT_PATH_CAP_MS = BACK_AFTER_RESTART_MS - PROBATION_MS - HANDSHAKE_ALLOWANCE_MS
/**
 * However far the backoff has grown, a wait is at most this share of how long the socket has been
 * in trouble (since the first loss after it was last healthy), and never below the first delay's
 * cap. A socket that flapped for 15 s is tried again within 6 s of its last try, one that has
 * flapped for two and a half minutes or more at the backoff's cap (engine.io and Phoenix cap their
 * waits at 5 s; the share keeps that quick return early on and the cap's gentleness later).
 */
export const TROUBLE_WAIT_SHARE = 0.4

export class SocketSupervisor {
  private attempt: WebSocketTransport | null = null
  private provedHealthy = false
  /** Attempts in a row that failed before `open`, outside a restart window. */
  private refusedInARow = 0
  /** Monotonic end of the current restart window (0: none). */
  private restartWindowEnd = 0
  /** Monotonic time a healthy socket was last seen on this page, or null. */
  private workedAt: number | null = null
  /** Monotonic time of the first loss since the socket was last healthy (or since a reset), or null. */
  private troubleSince: number | null = null
  private readonly backoff: Backoff
  private readonly reconnectTimer: SingleTimer
  private readonly probation: SingleTimer
  private readonly memory: SocketMemory

  constructor(
    private readonly options: SupervisorOptions,
    private readonly events: SupervisorEvents,
  ) {
    this.backoff = new Backoff({
      baseMs: options.config.reconnectBaseMs,
      maxMs: options.config.reconnectMaxMs,
      floorMs: 500,
      random: options.random,
    })
    this.reconnectTimer = new SingleTimer(options.clock)
    this.probation = new SingleTimer(options.clock)
    this.memory = new SocketMemory(options.storage)
  }

  get current(): WebSocketTransport | null {
    return this.attempt
  }

  get reconnectScheduled(): boolean {
    return this.reconnectTimer.pending
  }

  /** Wall-clock time of the next background attempt (for display), or null. */
  get nextAttemptAt(): number | null {
    return this.reconnectTimer.due
  }

  /** The socket failed earlier in this tab and never proved healthy since. */
  get failedBefore(): boolean {
    return this.memory.socketFailedBefore
  }

  /** Effective liveness settings: the build's, capped by the server's cadence. */
  get liveness(): { quietMs: number; answerMs: number } {
    const { heartbeatIntervalMs, heartbeatTimeoutMs } = this.options.config
    // Liveness is judged by the server's cadence: a build's settings may only shorten it.
    return { quietMs: Math.min(heartbeatIntervalMs, LIVENESS.quietMs), answerMs: Math.min(heartbeatTimeoutMs, LIVENESS.answerMs) }
  }

  /** Starts an attempt now unless one is under way. */
  connect(channelId: string): void {
    if (this.attempt) return
    this.reconnectTimer.cancel()
    this.provedHealthy = false
    const { config, clock, diagnostics } = this.options
    const attemptId = diagnostics.attemptStarted()
    const isCurrent = () => this.attempt?.attemptId === attemptId
    const attempt = new WebSocketTransport(
      { attemptId, url: config.wsUrl, channelId, createSocket: this.options.createSocket, clock, connectTimeoutMs: config.connectTimeoutMs, ...this.liveness },
      {
        status: (status, meta) => isCurrent() && this.events.status(status, meta),
        serverTime: (ms) => isCurrent() && this.events.serverTime(ms),
        serverError: (message) => isCurrent() && this.events.serverError(message),
        paymentAck: (message) => isCurrent() && this.events.paymentAck(message),
        statusOverdue: () => isCurrent() && this.events.statusOverdue(),
        roundTrip: (ms) => {
          if (!isCurrent()) return
          diagnostics.roundTrip(ms)
          this.noteHealth()
        },
        end: (record) => {
          diagnostics.attemptEnded(record)
          if (isCurrent()) this.ended(record)
        },
      },
      diagnostics,
    )
    this.attempt = attempt
    attempt.start()
  }

  /** Still inside the window after a server restart in which its clients come back spread out. */
  get inRestartWindow(): boolean {
    return this.options.clock.monotonic() < this.restartWindowEnd
  }

  /**
   * Schedules the next attempt. After a server restart, at a uniform moment in the restart
   * window (every client it had is reconnecting too); a retry inside that window at a uniform
   * moment in what is left of it. Otherwise by backoff, except on a path that refused the socket
   * before `open` twice in a row: then at a uniform moment between half the backoff cap and the
   * cap, so at most two probes a minute go to a path that does not carry WebSockets (a socket that
   * opens goes back to the backoff, which a single cut keeps at seconds).
   */
  scheduleReconnect(channelId: string, afterRestart: boolean): void {
    if (this.attempt) return
    const { clock, random, config } = this.options
    const [early, late] = config.restartReconnectWindowMs
    const recent = this.pathWorkedRecently()
    const slow = !afterRestart && !this.inRestartWindow && !recent && this.refusedInARow >= REFUSALS_BEFORE_SLOW_PROBES
    let delay: number
    if (afterRestart) {
      this.restartWindowEnd = clock.monotonic() + late
      delay = Math.round(early + random() * (late - early))
    } else if (this.inRestartWindow) {
      delay = Math.round(RESTART_RETRY_FLOOR_MS + random() * Math.max(0, this.restartWindowEnd - clock.monotonic() - RESTART_RETRY_FLOOR_MS))
    } else if (slow) {
      const cap = config.reconnectMaxMs
      delay = Math.round(cap / 2 + (random() * cap) / 2)
    } else {
      const troubleMs = clock.monotonic() - (this.troubleSince ?? clock.monotonic())
      const limit = Math.max(config.reconnectBaseMs, TROUBLE_WAIT_SHARE * troubleMs)
      delay = this.backoff.next(recent ? Math.min(limit, RECENT_PATH_CAP_MS) : limit)
    }
    const why = afterRestart ? ' (spread after a server restart)' : slow ? ` (refused before opening ${this.refusedInARow} times in a row)` : ''
    this.options.diagnostics.log('socket', 'info', `Next socket attempt in ${(delay / 1000).toFixed(1)} s${why}`)
    this.reconnectTimer.schedule(delay, () => this.options.batch(() => this.connect(channelId)))
  }

  cancelReconnect(): void {
    this.reconnectTimer.cancel()
  }

  /** Forgets backoff, refusals and the restart window (manual retry, new channel). */
  resetBackoff(): void {
    this.backoff.reset()
    this.troubleSince = null
    this.refusedInARow = 0
    this.restartWindowEnd = 0
  }

  /** Closes the current socket on purpose; its end is recorded but reported to nobody. */
  drop(reason: string): void {
    this.probation.cancel()
    const attempt = this.attempt
    this.attempt = null
    attempt?.closeNormally(reason)
  }

  /** Calls `proven` once the current socket has been open `ms`: now, or then if it is still the current one. */
  whenOpenFor(ms: number, proven: () => void): void {
    const openFor = this.openFor()
    if (openFor === null) return
    if (openFor >= ms) return proven()
    if (!this.probation.pending) this.probation.schedule(ms - openFor, () => this.options.batch(() => this.whenOpenFor(ms, proven)))
  }

  /** How long the current socket has been open (monotonic ms), or null. */
  openFor(): number | null {
    const openedAt = this.attempt?.openedSince
    return openedAt == null ? null : this.options.clock.monotonic() - openedAt
  }

  /** A socket that stayed up past `stableAfterMs` proved healthy: forget old failures. */
  noteHealth(): void {
    const openFor = this.openFor()
    if (this.provedHealthy || openFor === null || openFor < this.options.config.stableAfterMs) return
    this.provedHealthy = true
    this.backoff.reset()
    this.troubleSince = null
    this.memory.forget()
    this.noteWorking()
  }

  /** This path carried a healthy socket just now. */
  private noteWorking(): void {
    this.workedAt = this.options.clock.monotonic()
    this.memory.rememberWorking(this.options.clock.now())
  }

  private pathWorkedRecently(): boolean {
    const { clock } = this.options
    if (this.workedAt !== null && clock.monotonic() - this.workedAt < RECENT_PATH_MS) return true
    return this.memory.workedWithin(RECENT_PATH_MS, clock.now())
  }

  private ended(record: SocketAttempt): void {
    this.attempt = null
    this.troubleSince ??= this.options.clock.monotonic()
    this.probation.cancel()
    // "Recently" counts from when a healthy socket was lost, not from when it proved itself.
    if (this.provedHealthy) this.noteWorking()
    // Refusals while a restarting server comes back say nothing about the path.
    if (record.openMs !== null) this.refusedInARow = 0
    else if (!this.inRestartWindow) this.refusedInARow += 1
    const flapped = record.failed === true || record.lifetimeMs === null || record.lifetimeMs < this.options.config.stableAfterMs
    // Closed by us for sending no status (pongs only): however long it stayed up, it did not do its
    // job, and a reload should start on polling too.
    const mute = record.closedBy === 'client' && record.closeCode === CLIENT_CLOSE.noStatus
    if (flapped || mute) this.memory.rememberFailure(this.options.clock.now())
    else this.backoff.reset()
    const restart = record.closedBy === 'server' && record.closeCode !== null && SERVER_GOING_AWAY.has(record.closeCode)
    this.events.lost(record, restart)
  }
}
