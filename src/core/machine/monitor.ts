/**
 * The connection policy: drives the WebSocket and the HTTP poll for one payment channel so that
 * a current, truthful status is always on screen. Framework-free; the Pinia store wraps it.
 *
 * The socket is the fast signal and HTTP is the truth: HTTP answers at start, on every reconnect
 * and on entering polling, so nothing falls into the gap between transports.
 */
import { Backoff } from '../backoff'
import { SingleTimer, systemClock, type Clock } from '../clock'
import type { MonitorConfig } from '../config'
import { EventLog, type DiagnosticKind, type DiagnosticLevel } from '../diagnostics/events'
import { mergeStatus, type CurrentStatus, type IncomingMeta } from '../protocol/merge'
import { SERVER_ERRORS } from '../protocol/messages'
import { isTerminal, type PaymentStatus } from '../protocol/status'
import { TX_HASH } from '../protocol/txHash'
import { PollingTransport, type PollFailure, type PollingSink } from '../transports/polling'
import type { CreateWebSocket, FetchLike } from '../transports/transport'
import { postVerifyTransaction } from '../transports/verifyTransaction'
import { WebSocketTransport, type WebSocketSink } from '../transports/websocket'
import type {
  FailureReason,
  MonitorCounters,
  MonitorSnapshot,
  PaymentSentResult,
  PollFailureRecord,
  SocketAttempt,
  TransportKind,
} from './snapshot'
import { ChangeBatch } from './changeBatch'
import { PendingAnswer } from './pendingAnswer'
import { SocketMemory, type StorageLike } from './socketMemory'
import { assertTransition, type ConnectionState } from './states'

export interface MonitorDependencies {
  config: MonitorConfig
  createSocket: CreateWebSocket
  fetch: FetchLike
  /** @default the system clock */
  clock?: Clock
  /** @default Math.random */
  random?: () => number
  /** Tab-scoped memory of socket failures (sessionStorage). @default none */
  storage?: StorageLike | null
}

/** After this many failed polls in a row, with no socket, nothing delivers status: `failed`. */
const POLL_FAILURES_BEFORE_FAILED = 3
/** How many socket attempts and failed polls the diagnostics keep. */
const ATTEMPTS_KEPT = 50
const POLL_FAILURES_KEPT = 20
/** How long a `payment_sent` waits for the socket's answer before trying HTTP. */
const PAYMENT_ACK_TIMEOUT_MS = 10000
/** Close codes by which a server announces it is going away: its other clients lost it too. */
const SERVER_GOING_AWAY: ReadonlySet<number> = new Set([1001, 1012, 1013])

const emptyCounters = (): MonitorCounters => ({
  framesIn: 0,
  framesOut: 0,
  invalidFrames: 0,
  polls: 0,
  pollErrors: 0,
  errors: 0,
})


export class PaymentMonitor {
  private readonly config: MonitorConfig
  private readonly clock: Clock
  private readonly random: () => number
  private readonly memory: SocketMemory
  private readonly log = new EventLog(200)
  private readonly socketBackoff: Backoff
  private readonly reconnectTimer: SingleTimer
  /** The socket's answer to a `payment_sent`, while one is awaited. */
  private readonly paymentAck: PendingAnswer<PaymentSentResult>
  private readonly changes: ChangeBatch<MonitorSnapshot>

  private state: ConnectionState = 'idle'
  private channelId: string | null = null
  /** True from start until stop or a terminal status. */
  private active = false
  private socket: WebSocketTransport | null = null
  private socketProvedHealthy = false
  private poller: PollingTransport | null = null
  /** Steady polling is wanted (it pauses while offline). */
  private wantPolling = false
  private current: CurrentStatus | null = null
  private lastUpdateAt: number | null = null
  private serverClockOffsetMs: number | null = null
  private notFound = false
  private failureReason: FailureReason = null
  private consecutivePollFailures = 0
  private online = true
  private visible = true
  private rttMs: number | null = null
  private wsAttempts = 0
  private lastCloseCode: number | null = null
  private attempts: SocketAttempt[] = []
  private pollFailures: PollFailureRecord[] = []
  private counters = emptyCounters()

  constructor(private readonly deps: MonitorDependencies) {
    this.config = deps.config
    this.clock = deps.clock ?? systemClock
    this.random = deps.random ?? Math.random
    this.memory = new SocketMemory(deps.storage ?? null)
    this.socketBackoff = new Backoff({
      baseMs: this.config.reconnectBaseMs,
      maxMs: this.config.reconnectMaxMs,
      floorMs: 500,
      random: deps.random,
    })
    this.reconnectTimer = new SingleTimer(this.clock)
    this.paymentAck = new PendingAnswer(this.clock)
    this.changes = new ChangeBatch(() => this.buildSnapshot())
  }

  // ---------- public surface ----------

  getSnapshot(): MonitorSnapshot {
    return this.changes.snapshot
  }

  /** Calls `listener` after every change, with one consistent snapshot; returns its remover. */
  subscribe(listener: (snapshot: MonitorSnapshot) => void): () => void {
    return this.changes.subscribe(listener)
  }

  get listenerCount(): number {
    return this.changes.listenerCount
  }

  /** Starts monitoring `channelId` (stopping any previous channel first). */
  start(channelId: string): void {
    this.changes.batch(() => this.startNow(channelId))
  }

  private startNow(channelId: string): void {
    if (this.active) this.stopNow()
    this.channelId = channelId
    this.active = true
    this.current = null
    this.lastUpdateAt = null
    this.notFound = false
    this.failureReason = null
    this.consecutivePollFailures = 0
    this.counters = emptyCounters()
    this.socketBackoff.reset()
    const poller: PollingTransport = new PollingTransport(
      {
        apiUrl: this.config.apiUrl,
        channelId,
        fetch: this.deps.fetch,
        clock: this.clock,
        intervalMs: this.config.pollIntervalMs,
        random: this.deps.random,
      },
      this.pollSink(() => poller),
    )
    this.poller = poller
    this.record('command', 'info', `Monitoring channel ${shortId(channelId)}`)
    if (this.memory.socketFailedBefore) {
      // The socket failed in this tab before: show status by polling at once, still probe the socket.
      this.record('socket', 'info', 'The socket failed earlier in this tab: polling at once while probing the socket')
      this.enterPolling('socket failed earlier in this tab')
    } else {
      this.moveTo('connecting', 'start')
      if (this.online) poller.refresh()
    }
    this.connectSocket()
    this.emit()
  }

  /** Stops monitoring and releases every timer, socket and request. */
  stop(): void {
    this.changes.batch(() => this.stopNow())
  }

  private stopNow(): void {
    if (!this.active && !this.notFound && this.state === 'idle') return
    this.record('command', 'info', 'Monitoring stopped')
    this.teardown('monitor stopped')
    this.notFound = false
    this.failureReason = null
    this.moveTo('idle', 'stop')
    this.emit()
  }

  /** Resets backoff, counters and locks, and tries the socket now, from any state. */
  retry(): void {
    this.changes.batch(() => this.retryNow())
  }

  private retryNow(): void {
    if (this.channelId === null) {
      this.record('command', 'warn', 'Retry ignored: no channel is being monitored')
      return this.emit()
    }
    if (this.current && isTerminal(this.current.status.code)) {
      this.record('command', 'info', `Retry ignored: the payment is ${this.current.status.code}, which is final`)
      return this.emit()
    }
    this.record('command', 'info', 'Manual retry: backoff reset, trying the socket now')
    if (!this.active) return this.startNow(this.channelId)
    this.socketBackoff.reset()
    this.consecutivePollFailures = 0
    this.poller?.resetBackoff()
    this.reconnectTimer.cancel()
    if (this.notFound) {
      this.notFound = false
      this.failureReason = null
      this.poller?.pause()
    }
    if (this.failureReason === 'unreachable') this.failureReason = null
    this.dropSocket('manual retry')
    this.moveTo('connecting', 'manual retry')
    this.poller?.refresh()
    this.connectSocket()
    this.emit()
  }

  /** Browser connectivity (navigator.onLine and its events). */
  setOnline(online: boolean): void {
    this.changes.batch(() => this.setOnlineNow(online))
  }

  private setOnlineNow(online: boolean): void {
    if (online === this.online) return
    this.online = online
    this.record('network', online ? 'info' : 'warn', online ? 'Browser is back online: refreshing now' : 'Browser is offline: requests paused')
    if (!this.active) return this.emit()
    if (!online) {
      this.reconnectTimer.cancel()
      this.poller?.pause()
      return this.emit()
    }
    this.refreshNow()
    this.emit()
  }

  /** Page visibility; a tab that becomes visible again refreshes at once. */
  setVisible(visible: boolean): void {
    this.changes.batch(() => this.setVisibleNow(visible))
  }

  private setVisibleNow(visible: boolean): void {
    if (visible === this.visible) return
    this.visible = visible
    this.record('network', 'info', visible ? 'Tab visible again: refreshing now' : 'Tab hidden')
    if (visible && this.active && this.online) this.refreshNow()
    this.emit()
  }

  /**
   * Tells the server the payment was sent: over the socket when it is open, else over HTTP
   * (`verify-transaction`). An empty hash just refreshes the status.
   */
  async reportPaymentSent(txHash: string): Promise<PaymentSentResult> {
    const channelId = this.channelId
    if (channelId === null) return { ok: false, via: 'http', message: 'No payment channel is being monitored.' }
    const hash = txHash.trim().replace(/^0x/i, '')
    if (hash === '') {
      this.record('command', 'info', 'Payment reported as sent (no transaction hash): checking now')
      this.poller?.refresh()
      this.emit()
      return { ok: true, via: 'http', message: 'Thanks. We are watching for your payment.' }
    }
    if (!TX_HASH.test(hash)) {
      return { ok: false, via: 'http', message: 'A transaction hash is 32 to 128 hexadecimal characters.' }
    }
    this.record('command', 'info', `Payment reported as sent, tx ${maskTx(hash)}`)
    let result: PaymentSentResult | null = null
    if (this.socket?.isOpen && this.socket.send({ type: 'payment_sent', channelId, txHash: hash })) {
      result = await this.paymentAck.wait(PAYMENT_ACK_TIMEOUT_MS, () => {
        this.record('command', 'warn', 'No answer to payment_sent over the socket: reporting over HTTP')
        this.emit()
      })
    }
    result ??= await postVerifyTransaction(this.deps.fetch, this.config.apiUrl, { channelId, txHash: hash }, (level, message) =>
      this.record('command', level, message),
    )
    if (this.channelId === channelId) this.poller?.refresh()
    this.emit()
    return result
  }

  // ---------- socket ----------

  private connectSocket(): void {
    if (!this.active || this.channelId === null || this.socket) return
    this.reconnectTimer.cancel()
    this.wsAttempts += 1
    this.socketProvedHealthy = false
    const attempt: WebSocketTransport = new WebSocketTransport(
      {
        attemptId: this.wsAttempts,
        url: this.config.wsUrl,
        channelId: this.channelId,
        createSocket: this.deps.createSocket,
        clock: this.clock,
        connectTimeoutMs: this.config.connectTimeoutMs,
        heartbeatIntervalMs: this.config.heartbeatIntervalMs,
        heartbeatTimeoutMs: this.config.heartbeatTimeoutMs,
      },
      this.socketSink(() => attempt),
    )
    this.socket = attempt
    attempt.start()
    this.emit()
  }

  private socketSink(self: () => WebSocketTransport): WebSocketSink {
    // Every callback first checks it belongs to the current attempt: a late event from an old
    // socket must not disturb the new one.
    const isCurrent = () => this.socket === self()
    return this.changes.wrap({
      ...this.commonSink(),
      status: (status, meta) => {
        if (!isCurrent()) return
        this.noteSocketHealth()
        this.applyStatus(status, meta)
        if (this.active && this.state !== 'open' && isCurrent()) this.enterOpen()
        this.emit()
      },
      notFound: () => undefined,
      open: () => this.emit(),
      welcome: () => {
        if (!isCurrent()) return
        // A reconnect may have missed changes while the socket was down: ask HTTP as well.
        if (self().attemptId > 1 && this.online) this.poller?.refresh()
        this.emit()
      },
      serverError: (message) => {
        if (!isCurrent()) return
        const text = message.message.slice(0, 200)
        if (text === SERVER_ERRORS.channelNotFound) {
          // HTTP is the truth: a 404 there settles "not found".
          this.record('server-error', 'warn', `Server says: "${text}"; checking over HTTP`)
          this.poller?.refresh()
        } else {
          this.record('server-error', 'warn', `Server error frame: "${text}"${message.details ? ` (${message.details.slice(0, 200)})` : ''}`)
          this.paymentAck.settle({ ok: false, via: 'websocket', message: text })
        }
        this.emit()
      },
      paymentAck: (message) => {
        if (!isCurrent()) return
        this.paymentAck.settle({ ok: true, via: 'websocket', message: (message.message ?? 'Payment reported.').slice(0, 300) })
        this.emit()
      },
      roundTrip: (ms) => {
        if (!isCurrent()) return
        this.rttMs = ms
        this.noteSocketHealth()
        this.emit()
      },
      end: (record) => {
        this.attempts.push(record)
        if (this.attempts.length > ATTEMPTS_KEPT) this.attempts.shift()
        if (record.closedBy !== 'client' && record.closeCode !== null) this.lastCloseCode = record.closeCode
        if (isCurrent()) {
          this.socket = null
          this.afterSocketLoss(record)
        }
        this.emit()
      },
    })
  }

  /** A socket that stayed up past `stableAfterMs` proved healthy: forget old failures. */
  private noteSocketHealth(): void {
    const openedAt = this.socket?.openedSince
    if (this.socketProvedHealthy || openedAt == null) return
    if (this.clock.now() - openedAt < this.config.stableAfterMs) return
    this.socketProvedHealthy = true
    this.socketBackoff.reset()
    this.memory.forget()
  }

  private afterSocketLoss(record: SocketAttempt): void {
    this.paymentAck.settle(null)
    if (!this.active || this.notFound) return
    const flapped = record.failed === true || record.lifetimeMs === null || record.lifetimeMs < this.config.stableAfterMs
    if (flapped) {
      this.memory.rememberFailure(this.clock.now())
    } else {
      this.socketBackoff.reset()
    }
    const why = record.clientReason ?? `closed ${record.closeCode ?? 'without a code'}`
    // A restart drops every client at once: spread their polls and reconnects so the server is
    // not hit by all of them in the same second while it comes back.
    const herd = record.closedBy === 'server' && record.closeCode !== null && SERVER_GOING_AWAY.has(record.closeCode)
    const firstPollDelay = herd ? this.random() * this.config.pollIntervalMs : 0
    if (this.state === 'failed') {
      this.startSteadyPolling(firstPollDelay)
    } else if (this.state !== 'polling') {
      this.enterPolling(`socket ${why}`, firstPollDelay)
    }
    this.scheduleReconnect(herd)
  }

  private scheduleReconnect(afterRestart = false): void {
    if (!this.active || !this.online || this.socket) return
    const [early, late] = this.config.restartReconnectWindowMs
    const delay = afterRestart
      ? Math.max(this.socketBackoff.next(), Math.round(early + this.random() * (late - early)))
      : this.socketBackoff.next()
    this.record('socket', 'info', `Next socket attempt in ${(delay / 1000).toFixed(1)} s`)
    this.reconnectTimer.schedule(delay, () => this.changes.batch(() => this.connectSocket()))
  }

  /** Closes the current socket on purpose; its end is recorded but triggers no recovery. */
  private dropSocket(reason: string): void {
    const socket = this.socket
    if (!socket) return
    this.socket = null
    socket.closeNormally(reason)
  }

  // ---------- polling ----------

  private pollSink(self: () => PollingTransport): PollingSink {
    const isCurrent = () => this.poller === self()
    return this.changes.wrap({
      ...this.commonSink(),
      status: (status, meta) => {
        if (!isCurrent()) return
        this.applyStatus(status, meta)
        this.emit()
      },
      notFound: () => {
        if (!isCurrent()) return
        this.enterNotFound()
        this.emit()
      },
      pollSucceeded: () => {
        if (!isCurrent()) return
        this.consecutivePollFailures = 0
        if (this.notFound) {
          this.record('poll', 'info', 'The channel exists now: resuming')
          this.notFound = false
          this.failureReason = null
          this.moveTo('connecting', 'channel found')
          this.connectSocket()
        } else if (this.state === 'failed') {
          this.failureReason = null
          this.moveTo(this.socket?.isOpen ? 'open' : 'polling', 'poll succeeded')
        }
        this.emit()
      },
      pollFailed: (failure: PollFailure) => {
        if (!isCurrent()) return
        this.consecutivePollFailures += 1
        this.pollFailures.push({ at: this.clock.now(), httpStatus: failure.kind === 'http' ? failure.status : null, message: failure.message })
        if (this.pollFailures.length > POLL_FAILURES_KEPT) this.pollFailures.shift()
        if (this.consecutivePollFailures >= POLL_FAILURES_BEFORE_FAILED && this.state === 'polling') {
          this.failureReason = 'unreachable'
          this.moveTo('failed', `${this.consecutivePollFailures} polls failed in a row (${failure.message})`)
        }
        this.emit()
      },
    })
  }

  private enterPolling(why: string, firstPollDelayMs = 0): void {
    const unreachable = this.consecutivePollFailures >= POLL_FAILURES_BEFORE_FAILED
    if (unreachable) this.failureReason = 'unreachable'
    this.moveTo(unreachable ? 'failed' : 'polling', why)
    this.startSteadyPolling(firstPollDelayMs)
  }

  private startSteadyPolling(firstPollDelayMs = 0): void {
    this.wantPolling = true
    if (this.online) this.poller?.start(firstPollDelayMs)
  }

  private enterOpen(): void {
    this.failureReason = null
    this.moveTo('open', 'socket welcomed and delivered a status')
    // Only now may polling stop: the socket has proved it delivers.
    this.wantPolling = false
    this.poller?.pause()
  }

  private enterNotFound(): void {
    if (!this.notFound) {
      this.notFound = true
      this.failureReason = 'not_found'
      this.record('poll', 'error', 'Payment channel not found: monitoring paused, checking again once a minute')
      this.reconnectTimer.cancel()
      this.dropSocket('channel not found')
      this.wantPolling = false
      this.poller?.pause()
      this.moveTo('failed', 'channel not found')
    }
    this.poller?.scheduleOnce(this.config.notFoundRecheckMs)
  }

  // ---------- status ----------

  private applyStatus(status: PaymentStatus, meta: IncomingMeta): void {
    if (!this.active) return
    const decision = mergeStatus(this.current, status, meta)
    if (!decision.apply) {
      this.record('status', 'info', `Discarded ${status.source} ${status.code}: ${decision.reason}`)
      return
    }
    const previous = this.current?.status
    const now = this.clock.now()
    this.current = { status: decision.status, appliedAt: now, socketAttemptId: meta.socketAttemptId }
    this.lastUpdateAt = now
    if (previous?.code !== status.code || previous.confirmations !== decision.status.confirmations) {
      const confirmations =
        status.code === 'confirming' && status.confirmations !== null ? ` ${status.confirmations}/${status.confirmationsRequired ?? '?'}` : ''
      this.record('status', 'info', `Status ${previous?.code ?? 'none'} → ${status.code}${confirmations} (via ${status.source})`)
    }
    if (isTerminal(decision.status.code)) this.finishAtTerminal(decision.status.code)
  }

  private finishAtTerminal(code: string): void {
    this.record('status', 'info', `Payment ${code}: monitoring stops`)
    this.teardown(`payment ${code}`)
    this.moveTo('idle', `payment ${code}`)
  }

  // ---------- shared ----------

  private commonSink() {
    return {
      serverTime: (ms: number) => {
        this.serverClockOffsetMs = ms - this.clock.now()
      },
      log: (kind: DiagnosticKind, level: DiagnosticLevel, message: string) => {
        this.record(kind, level, message)
        this.emit()
      },
      count: (counter: keyof MonitorCounters) => {
        this.counters[counter] += 1
      },
    }
  }

  /** Online again or visible again: ask HTTP now and check the socket (or reconnect now). */
  private refreshNow(): void {
    if (this.notFound) return
    if (this.wantPolling) this.poller?.start()
    else this.poller?.refresh()
    if (this.socket) this.socket.refresh()
    else this.connectSocket()
  }

  /** Teardown in one fixed order: timers, pending answers, transports, flags. */
  private teardown(reason: string): void {
    this.reconnectTimer.cancel()
    this.paymentAck.settle(null)
    this.dropSocket(reason)
    this.poller?.stop()
    this.poller = null
    this.wantPolling = false
    this.active = false
  }

  private moveTo(next: ConnectionState, why: string): void {
    if (next === this.state) return
    assertTransition(this.state, next)
    this.record('state', 'info', `${this.state} → ${next} (${why})`)
    this.state = next
  }

  private record(kind: DiagnosticKind, level: DiagnosticLevel, message: string): void {
    this.log.add({ at: this.clock.now(), kind, level, message })
  }

  private transport(): TransportKind {
    if (this.state === 'open') return 'websocket'
    return this.wantPolling ? 'polling' : 'none'
  }

  private emit(): void {
    this.changes.changed()
  }

  private buildSnapshot(): MonitorSnapshot {
    return {
      channelId: this.channelId,
      state: this.state,
      transport: this.transport(),
      status: this.current?.status ?? null,
      lastUpdateAt: this.lastUpdateAt,
      serverClockOffsetMs: this.serverClockOffsetMs,
      notFound: this.notFound,
      failureReason: this.failureReason,
      online: this.online,
      visible: this.visible,
      nextSocketAttemptAt: this.reconnectTimer.due,
      nextPollAt: this.wantPolling ? (this.poller?.nextAt ?? null) : null,
      pollIntervalMs: this.config.pollIntervalMs,
      heartbeatIntervalMs: this.config.heartbeatIntervalMs,
      heartbeatTimeoutMs: this.config.heartbeatTimeoutMs,
      pollFailures: this.pollFailures.slice(),
      rttMs: this.rttMs,
      wsAttempts: this.wsAttempts,
      lastCloseCode: this.lastCloseCode,
      attempts: this.attempts.slice(),
      counters: { ...this.counters },
      events: this.log.list(),
      endpoints: { wsUrl: this.config.wsUrl, apiUrl: this.config.apiUrl },
    }
  }
}

/** Channel IDs are not secret, but a shortened form keeps logs readable and reports tidy. */
function shortId(channelId: string): string {
  return channelId.length > 12 ? `${channelId.slice(0, 6)}…${channelId.slice(-4)}` : channelId
}

function maskTx(hash: string): string {
  return `${hash.slice(0, 6)}…${hash.slice(-4)}`
}
