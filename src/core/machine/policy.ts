/**
 * The connection policy for one payment channel: which transport to trust, when to fall back,
 * when the channel does not exist, when monitoring ends. Framework-free; the Pinia store wraps it.
 *
 * The socket is the fast signal and HTTP is the truth. The connection is one value (`Connection`)
 * and changes only through `moveTo`, whose entry and exit actions start and stop steady polling,
 * the socket and the not-found recheck, so no path can skip them.
 */
import { systemClock, type Clock } from '../clock'
import type { MonitorConfig } from '../config'
import { shorten } from '../format'
import { DiagnosticsRecorder } from './recorder'
import type { IncomingMeta } from '../protocol/merge'
import { SERVER_ERRORS, type ErrorMessage } from '../protocol/messages'
import type { PaymentStatus } from '../protocol/status'
import { PollingTransport } from '../transports/polling'
import type { SocketAttempt } from '../transports/socketAttempt'
import type { ChangeBatch } from './changeBatch'
import * as C from './connection'
import { PaymentReporter } from './paymentReporter'
import type { PaymentSentResult } from './paymentSentResult'
import { PageWatch } from './pageWatch'
import { PollOutcomes } from './pollOutcomes'
import { readSnapshot, type MonitorSnapshot } from './snapshot'
import type { MonitorDependencies } from './dependencies'
import { PROBATION_MS, SocketSupervisor } from './socketSupervisor'
import { StatusBoard } from './statusBoard'
import { assertTransition } from './states'

export class ConnectionPolicy {
  private readonly config: MonitorConfig
  private readonly clock: Clock
  private readonly diagnostics: DiagnosticsRecorder
  private readonly sockets: SocketSupervisor
  private readonly reporter: PaymentReporter
  private readonly polls: PollOutcomes
  private readonly page: PageWatch
  private readonly board: StatusBoard

  private connection: C.Connection = C.IDLE
  private channelId: string | null = null
  private poller: PollingTransport | null = null
  /** The open socket cannot vouch for the status (channel error frames, status overdue). */
  private socketStale = false

  constructor(
    private readonly deps: MonitorDependencies,
    private readonly changes: ChangeBatch<MonitorSnapshot>,
  ) {
    this.config = deps.config
    this.clock = deps.clock ?? systemClock
    this.diagnostics = new DiagnosticsRecorder(this.clock, () => this.changes.changed())
    this.board = new StatusBoard(this.clock, this.diagnostics)
    const batch = (work: () => void) => this.changes.batch(work)
    this.sockets = new SocketSupervisor(
      { config: this.config, createSocket: deps.createSocket, clock: this.clock, random: deps.random ?? Math.random, storage: deps.storage ?? null, diagnostics: this.diagnostics, batch },
      this.changes.wrap({
        status: (status: PaymentStatus, meta: IncomingMeta) => this.socketStatus(status, meta),
        serverTime: (ms: number) => this.board.noteServerTime(ms),
        serverError: (message: ErrorMessage) => this.serverError(message),
        paymentAck: (message: { message?: string }) =>
          this.reporter.settle(message.message === undefined ? { ok: true, via: 'websocket', message: 'Payment reported.', note: 'reported' } : { ok: true, via: 'websocket', message: message.message.slice(0, 300) }),
        statusOverdue: () => this.distrustSocket(),
        lost: (record: SocketAttempt, restart: boolean) => this.socketLost(record, restart),
      }),
    )
    this.reporter = new PaymentReporter(this.clock, deps.fetch, this.config.apiUrl, this.diagnostics)
    this.polls = new PollOutcomes(this.clock, this.config.notFoundRecheckMs, this.diagnostics, {
      connection: () => this.connection,
      socketVouches: () => this.connection.state === 'open' && !this.socketStale,
      moveTo: (next, why) => this.moveTo(next, why),
      connect: () => this.channelId !== null && this.sockets.connect(this.channelId),
      refresh: () => batch(() => this.poller?.refresh()),
    })
    this.page = new PageWatch(this.clock, this.diagnostics, {
      refresh: () => batch(() => this.refreshNow()),
      // Only the steady loop and the reconnect pause; a channel that does not exist is still rechecked.
      offline: () => {
        this.sockets.cancelReconnect()
        this.poller?.pause()
      },
    })
  }

  // ---------- commands (the monitor runs each as one change) ----------

  stop(): void {
    if (this.connection.state === 'idle') return
    this.log('command', 'info', 'Monitoring stopped')
    this.moveTo(C.IDLE, 'stop')
  }

  setOnline(online: boolean): void {
    this.page.setOnline(online, this.connection.state !== 'idle')
  }

  setVisible(visible: boolean): void {
    this.page.setVisible(visible, this.connection.state !== 'idle')
  }

  async reportPaymentSent(txHash: string): Promise<PaymentSentResult> {
    const channelId = this.channelId
    if (channelId === null) return { ok: false, via: 'http', message: 'No payment channel is being monitored.' }
    return this.reporter.report({
      channelId,
      txHash,
      send: (message) => (this.connection.state === 'open' && this.sockets.current?.isOpen === true ? this.sockets.current.send(message) : false),
      refresh: () => this.changes.batch(() => this.channelId === channelId && this.poller?.refresh()),
    })
  }

  /** Starts monitoring `channelId` (stopping any previous channel first). */
  start(channelId: string): void {
    if (this.connection.state !== 'idle') this.moveTo(C.IDLE, 'another channel')
    this.channelId = channelId
    this.board.clear()
    this.diagnostics.resetCounters()
    this.sockets.resetBackoff()
    const { apiUrl, pollIntervalMs: intervalMs } = this.config
    const options = { apiUrl, channelId, fetch: this.deps.fetch, clock: this.clock, intervalMs, random: this.deps.random, serverNow: () => this.board.serverNow() }
    this.poller = new PollingTransport(options, this.pollSink(channelId), this.diagnostics)
    this.log('command', 'info', `Monitoring channel ${shorten(channelId)}`)
    this.page.start()
    if (this.sockets.failedBefore) {
      // The socket failed in this tab before: show status by polling at once, still probe the socket.
      this.moveTo(C.POLLING, 'the socket failed earlier in this tab')
    } else {
      this.moveTo(C.CONNECTING, 'start')
      // HTTP at once, and again a period after it while the socket has not delivered status (a
      // handshake may take up to two connect timeouts): no gap after the first answer is longer
      // than a period, and a socket that fails later finds the loop already on its schedule.
      if (this.page.online) this.poller.start()
    }
    this.sockets.connect(channelId)
  }

  retry(): void {
    if (this.channelId === null) return this.log('command', 'warn', 'Retry ignored: no channel is being monitored')
    if (this.board.isFinal) return this.log('command', 'info', `Retry ignored: the payment is ${this.board.status?.code}, which is final`)
    if (this.connection.state === 'idle') return this.start(this.channelId)
    this.sockets.resetBackoff()
    this.poller?.resetBackoff()
    this.polls.resetStreak()
    if (this.connection.state === 'open' && !this.socketStale) {
      this.log('command', 'info', 'Manual retry: the socket is healthy, refreshing it')
      return this.refreshNow()
    }
    this.log('command', 'info', 'Manual retry: backoff reset, trying the socket now')
    if (C.isNotFound(this.connection)) this.moveTo(C.CONNECTING, 'manual retry')
    else if (this.connection.state !== 'connecting') this.moveTo(C.POLLING, 'manual retry')
    this.sockets.drop('manual retry')
    this.poller?.refresh()
    this.sockets.connect(this.channelId)
  }

  /** Something may have been missed: ask HTTP now and check the socket (never a socket inside its backoff). */
  private refreshNow(): void {
    if (!C.wantsSocket(this.connection) || !this.page.online || this.channelId === null) return
    if (C.pollsSteadily(this.connection)) this.poller?.start()
    this.poller?.refresh()
    const socket = this.sockets.current
    if (socket) socket.refresh()
    else if (!this.sockets.reconnectScheduled) this.sockets.connect(this.channelId)
  }

  // ---------- the one transition function ----------

  private moveTo(next: C.Connection, why: string): void {
    const previous = this.connection
    if (next.state === previous.state && C.failureReasonOf(next) === C.failureReasonOf(previous)) return
    assertTransition(previous.state, next.state)
    this.log('state', 'info', `${C.describe(previous)} → ${C.describe(next)} (${why})`)
    this.connection = next
    // Exit actions.
    if (previous.state === 'open') this.socketStale = false
    if (C.isNotFound(previous)) this.polls.cancelRecheck()
    // The loop runs while polling, and while connecting from the start (see `start`); nowhere else.
    if (!C.pollsSteadily(next) && next.state !== 'connecting') this.poller?.pause()
    if (!C.wantsSocket(next)) {
      this.sockets.cancelReconnect()
      this.sockets.drop(why)
      this.reporter.abandon()
    }
    // Entry actions.
    if (next.state === 'idle') return this.teardown()
    if (C.pollsSteadily(next) && !C.pollsSteadily(previous) && this.page.online) {
      // At once, even with the start's loop on its schedule: what the socket missed is news now.
      this.poller?.start()
      this.poller?.refresh()
    }
    if (C.isNotFound(next)) this.polls.scheduleRecheck()
  }

  // ---------- socket events ----------

  private socketStatus(status: PaymentStatus, meta: IncomingMeta): void {
    this.socketStale = false
    this.sockets.noteHealth()
    this.applyStatus(status, meta)
    this.considerOpen()
  }

  /**
   * Open at once after connecting; back from polling only after the probation (a flap must not
   * flicker "Live"), and only if the socket still vouches then: a probe that meanwhile sent a
   * channel error frame would stop the polls that are the only news while the server's database fails.
   */
  private considerOpen(): void {
    const open = () => this.connection.state !== 'open' && C.wantsSocket(this.connection) && !this.socketStale && this.moveTo(C.OPEN, 'the socket delivers status')
    if (this.connection.state === 'connecting') open()
    else if (this.connection.state !== 'open') this.sockets.whenOpenFor(PROBATION_MS, open)
  }

  private serverError(message: ErrorMessage): void {
    const text = message.message.slice(0, 200)
    this.log('server-error', 'warn', `Server error frame: "${text}"${message.details ? ` (${message.details.slice(0, 200)})` : ''}`)
    const aboutChannel = text === SERVER_ERRORS.channelNotFound || text === SERVER_ERRORS.statusFailed
    if (aboutChannel) return this.distrustSocket()
    this.reporter.settle({ ok: false, via: 'websocket', message: text })
  }

  /** The socket cannot vouch for the status any more: one HTTP check now, and no "Live" until it can. */
  private distrustSocket(): void {
    if (this.socketStale) return
    this.socketStale = true
    this.poller?.refresh()
  }

  private socketLost(record: SocketAttempt, restart: boolean): void {
    this.reporter.abandon()
    if (!C.wantsSocket(this.connection) || this.channelId === null) return
    const why = record.clientReason ?? `closed ${record.closeCode ?? 'without a code'}`
    // After a restart the API on the same server is restarting too: no poll, reconnect spread over
    // the restart window (the subscribe answer is a full status). Only a client whose socket is
    // still not back when its window is over polls.
    const spread = restart && (this.connection.state === 'open' || this.connection.state === 'connecting')
    if (spread) {
      // The API restarts too: no poll until the window is over, not even the start's loop.
      this.poller?.pause()
      this.moveTo(C.CONNECTING, `server going away (${why})`)
    }
    else if (this.connection.state === 'connecting' && this.sockets.inRestartWindow) this.log('socket', 'info', `Socket ${why} while the server restarts: trying again within its window`)
    else if (this.connection.state === 'open' || this.connection.state === 'connecting') this.moveTo(C.POLLING, `socket ${why}`)
    if (this.page.online) this.sockets.scheduleReconnect(this.channelId, spread)
  }

  // ---------- polling events ----------

  private pollSink(channelId: string) {
    const isCurrent = () => this.channelId === channelId && this.connection.state !== 'idle'
    return this.changes.wrap({
      status: (status: PaymentStatus, meta: IncomingMeta) => isCurrent() && this.applyStatus(status, meta),
      serverTime: (ms: number) => isCurrent() && this.board.noteServerTime(ms),
      notFound: () => isCurrent() && this.polls.notFound(),
      pollSucceeded: () => isCurrent() && this.polls.succeeded(),
      pollFailed: (failure: { message: string; status?: number }) => isCurrent() && this.polls.failed(failure.status ?? null, failure.message),
    })
  }

  // ---------- status ----------

  private applyStatus(status: PaymentStatus, meta: IncomingMeta): void {
    if (!this.board.apply(status, meta) || !this.board.isFinal) return
    this.log('status', 'info', `Payment ${status.code}: monitoring stops`)
    this.moveTo(C.IDLE, `payment ${this.board.status?.code}`)
  }

  /** Teardown in one fixed order: timers, pending answers, transports. */
  private teardown(): void {
    this.page.stop()
    this.polls.cancelRecheck()
    this.reporter.stop()
    this.poller?.stop()
    this.poller = null
    this.polls.resetStreak()
  }

  private log(...entry: Parameters<DiagnosticsRecorder['log']>): void {
    this.diagnostics.log(...entry)
  }

  /** The snapshot of this moment; the monitor publishes it once per change. */
  snapshot(): MonitorSnapshot {
    return readSnapshot({
      channelId: this.channelId,
      connection: this.connection,
      board: this.board,
      socketStale: this.socketStale,
      page: this.page,
      nextSocketAttemptAt: this.sockets.nextAttemptAt,
      nextPollAt: this.poller?.nextAt ?? null,
      liveness: this.sockets.liveness,
      config: this.config,
      diagnostics: this.diagnostics.view(),
    })
  }
}
