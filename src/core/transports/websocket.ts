/**
 * One WebSocket connection attempt, from `new WebSocket` to its end: waits for the server's
 * welcome before subscribing, must then deliver a status within the connect timeout, is watched
 * by `Liveness` while open, and reports exactly one `end` with a record of what happened. A new
 * attempt is a new instance, so nothing from an old socket can leak into a new one.
 */
import { SingleTimer, type Clock } from '../clock'
import { LIVENESS } from '../config'
import { CLIENT_CLOSE, describeCloseCode } from '../protocol/closeCodes'
import type { DiagnosticsSink } from '../eventLog'
import type { ClientMessage, ErrorMessage, PaymentSentConfirmedMessage, PaymentVerifiedMessage } from '../protocol/messages'
import { parseServerFrame } from '../protocol/frames'
import { parseTime, statusFromFrame } from '../protocol/status'
import { Liveness } from './liveness'
import { newAttemptRecord, type ClosedBy, type SocketAttempt } from './socketAttempt'
import { WS_OPEN, type CreateWebSocket, type StatusSink, type WebSocketLike } from './transport'

export interface WebSocketTransportOptions {
  attemptId: number
  url: string
  channelId: string
  createSocket: CreateWebSocket
  clock: Clock
  /** Open and welcome must both arrive within this, and then the first status within it again. */
  connectTimeoutMs: number
  /** No frame for this long: ping. @default LIVENESS.quietMs (src/core/config.ts) */
  quietMs?: number
  /** A ping unanswered this long: dead. @default LIVENESS.answerMs */
  answerMs?: number
  /** No status this long: the status shown cannot be vouched for. @default LIVENESS.statusOverdueMs */
  statusOverdueMs?: number
  /** No status this long (though pongs come): the socket is not doing its job. @default LIVENESS.statusMuteMs */
  statusMuteMs?: number
}

/** What a socket attempt reports to its owner. */
export interface WebSocketSink extends StatusSink {
  serverError(message: ErrorMessage): void
  paymentAck(message: PaymentVerifiedMessage | PaymentSentConfirmedMessage): void
  roundTrip(ms: number): void
  /** The socket is open but its status is overdue: check over HTTP, do not claim "live". */
  statusOverdue(): void
  /** Exactly once per attempt. */
  end(record: SocketAttempt): void
}

const ignore = () => undefined

export class WebSocketTransport {
  private socket: WebSocketLike | null = null
  private readonly record: SocketAttempt
  private startedAt = 0
  private openedAt: number | null = null
  private lastFrameAt: number | null = null
  private welcomed = false
  private deliveredStatus = false
  private ended = false
  private readonly connectTimer: SingleTimer
  private readonly liveness: Liveness

  constructor(
    private readonly options: WebSocketTransportOptions,
    private readonly sink: WebSocketSink,
    private readonly diagnostics: DiagnosticsSink,
  ) {
    this.connectTimer = new SingleTimer(options.clock)
    this.liveness = new Liveness(
      {
        clock: options.clock,
        quietMs: options.quietMs ?? LIVENESS.quietMs,
        answerMs: options.answerMs ?? LIVENESS.answerMs,
        overdueMs: options.statusOverdueMs ?? LIVENESS.statusOverdueMs,
        muteMs: options.statusMuteMs ?? LIVENESS.statusMuteMs,
      },
      {
        ping: () => this.send({ type: 'ping' }),
        answered: (ms) => this.sink.roundTrip(ms),
        dead: (waited) => {
          this.log('heartbeat', 'warn', `no frame for ${Math.round(waited)} ms after a ping: socket is dead`)
          this.closeByClient(CLIENT_CLOSE.heartbeatTimeout, 'heartbeat timeout')
        },
        overdue: (silent) => {
          this.log('heartbeat', 'warn', `no status for ${Math.round(silent / 1000)} s: checking over HTTP`)
          this.sink.statusOverdue()
        },
        mute: (silent) => {
          this.log('heartbeat', 'warn', `frames but no status for ${Math.round(silent / 1000)} s: the socket is not doing its job`)
          this.closeByClient(CLIENT_CLOSE.noStatus, 'no status')
        },
      },
    )
    this.record = newAttemptRecord(options.attemptId, options.url, options.clock.now())
  }

  get attemptId(): number {
    return this.options.attemptId
  }

  /** Welcomed and not closed: frames can be sent and received. */
  get isOpen(): boolean {
    return this.socket !== null && this.welcomed && !this.ended && this.socket.readyState === WS_OPEN
  }

  /** Monotonic time the socket opened, or null. */
  get openedSince(): number | null {
    return this.openedAt
  }

  start(): void {
    if (this.socket || this.ended) return
    const { url, clock } = this.options
    this.record.startedAt = clock.now()
    this.startedAt = clock.monotonic()
    let socket: WebSocketLike
    try {
      socket = this.options.createSocket(url)
    } catch (error) {
      // A malformed URL or a blocked scheme (mixed content) throws synchronously.
      this.diagnostics.log('socket', 'error', `Could not create WebSocket for ${url}: ${String(error)}`)
      this.finish({ code: null, reason: '', wasClean: null, closedBy: 'client', clientReason: 'could not create socket' })
      return
    }
    this.socket = socket
    socket.onopen = () => this.handleOpen()
    socket.onmessage = (event) => this.handleMessage(event.data)
    socket.onerror = () => this.log('socket', 'warn', 'WebSocket error event')
    socket.onclose = (event) => this.handleClose(event)
    this.connectTimer.schedule(this.options.connectTimeoutMs, () => this.handleConnectTimeout())
    this.log('socket', 'info', `connecting to ${url}`)
  }

  /** Ends the attempt with a normal close (stop, terminal status, retry). */
  closeNormally(reason: string): void {
    if (this.isOpen) this.send({ type: 'unsubscribe', channelId: this.options.channelId })
    this.closeByClient(CLIENT_CLOSE.normal, reason)
  }

  /** Something may have been missed (tab visible again, woke up): check liveness, ping now. */
  refresh(): void {
    if (!this.welcomed || this.ended) return
    this.liveness.check()
    if (!this.ended) this.liveness.ping()
  }

  send(message: ClientMessage): boolean {
    const socket = this.socket
    if (!socket || socket.readyState !== WS_OPEN || this.ended) return false
    try {
      socket.send(JSON.stringify(message))
    } catch (error) {
      this.log('socket', 'warn', `send failed: ${String(error)}`)
      return false
    }
    this.diagnostics.count('framesOut')
    return true
  }

  private log(kind: 'socket' | 'heartbeat', level: 'info' | 'warn', message: string): void {
    this.diagnostics.log(kind, level, `Attempt #${this.record.id}: ${message}`)
  }

  private elapsed(): number {
    return Math.round(this.options.clock.monotonic() - this.startedAt)
  }

  private handleOpen(): void {
    if (this.ended) return
    this.openedAt = this.options.clock.monotonic()
    this.record.openMs = this.elapsed()
    this.log('socket', 'info', `open after ${this.record.openMs} ms, waiting for welcome`)
  }

  private handleMessage(data: unknown): void {
    if (this.ended) return
    this.lastFrameAt = this.options.clock.monotonic()
    this.diagnostics.count('framesIn')
    if (this.welcomed) this.liveness.frame()
    if (this.ended) return
    const result = parseServerFrame(data)
    if (result.kind === 'rejected') {
      this.diagnostics.count('invalidFrames')
      this.diagnostics.log('invalid', 'warn', `Dropped a frame: ${result.reason}`)
      return
    }
    if (result.kind === 'ignored') {
      this.diagnostics.log('invalid', 'info', `Ignored a frame of unknown type "${result.type.slice(0, 40)}"`)
      return
    }
    const message = result.message
    for (const warning of result.warnings ?? []) this.diagnostics.log('invalid', 'warn', `Frame kept without a field: ${warning}`)
    const serverTime = 'timestamp' in message ? parseTime(message.timestamp) : null
    if (serverTime !== null) this.sink.serverTime(serverTime)
    switch (message.type) {
      case 'connected':
        return this.handleWelcome()
      case 'status_update':
        if (message.channelId !== this.options.channelId) {
          this.diagnostics.log('invalid', 'info', 'Ignored a status update for another channel')
          return
        }
        if (!this.deliveredStatus) this.connectTimer.cancel()
        this.deliveredStatus = true
        this.liveness.status()
        this.sink.status(statusFromFrame(message), {
          requestStartedAt: null,
          socketAttemptId: this.options.attemptId,
          receivedAtWall: this.options.clock.now(),
        })
        return
      case 'pong':
        return // liveness.frame() already answered the ping
      case 'error':
        this.diagnostics.count('errors')
        this.sink.serverError(message)
        return
      case 'payment_verified':
      case 'payment_sent_confirmed':
        this.sink.paymentAck(message)
        return
    }
  }

  private handleWelcome(): void {
    if (this.welcomed) return
    this.welcomed = true
    this.record.welcomeMs = this.elapsed()
    this.log('socket', 'info', `welcomed after ${this.record.welcomeMs} ms, subscribing`)
    this.send({ type: 'subscribe', channelId: this.options.channelId })
    // The subscribe answer is a status at once: a socket that sends none is not working (one that
    // already sent a status before its welcome has done its job).
    if (!this.deliveredStatus) this.connectTimer.schedule(this.options.connectTimeoutMs, () => this.handleConnectTimeout())
    this.liveness.start()
  }

  private handleConnectTimeout(): void {
    if (this.ended) return
    const stage = this.openedAt === null ? 'did not open' : this.welcomed ? 'sent no status after subscribe' : 'opened but sent no welcome'
    this.log('socket', 'warn', `${stage} within ${this.options.connectTimeoutMs} ms`)
    if (this.welcomed) return this.closeByClient(CLIENT_CLOSE.noStatus, 'no status')
    this.closeByClient(this.openedAt === null ? CLIENT_CLOSE.normal : CLIENT_CLOSE.connectTimeout, 'connect timeout')
  }

  private handleClose(event: { code: number; reason: string; wasClean: boolean }): void {
    if (this.ended) return
    // A close frame from the server is clean; 1006 is the browser saying no close frame came.
    const closedBy: ClosedBy = event.code === 1006 || !event.wasClean ? 'network' : 'server'
    const reason = typeof event.reason === 'string' ? event.reason.slice(0, 123) : ''
    this.diagnostics.log(
      'socket',
      event.code === 1000 ? 'info' : 'warn',
      `Attempt #${this.record.id}: closed ${describeCloseCode(event.code)}${reason ? `, reason "${reason}"` : ''}, wasClean ${event.wasClean}${this.openedAt === null ? ', never opened' : ''}`,
    )
    this.finish({ code: event.code, reason, wasClean: event.wasClean, closedBy, clientReason: null })
  }

  /** We end it ourselves: report at once instead of waiting for a close that may never come. */
  private closeByClient(code: number, reason: string): void {
    if (this.ended) return
    const socket = this.socket
    this.finish({ code, reason, wasClean: null, closedBy: 'client', clientReason: reason })
    if (socket) {
      try {
        socket.close(code, reason)
      } catch {
        // Closing an already closing socket may throw in some engines; it is ending either way.
      }
    }
  }

  /** Teardown, in order: timers, socket listeners, record, report. */
  private finish(close: { code: number | null; reason: string; wasClean: boolean | null; closedBy: ClosedBy; clientReason: string | null }): void {
    if (this.ended) return
    this.ended = true
    this.connectTimer.cancel()
    this.liveness.stop()
    if (this.socket) {
      this.socket.onopen = null
      this.socket.onmessage = null
      // Some engines (Node's `ws`) raise an aborted handshake's error as an exception when no
      // handler is set; a no-op keeps a late error from an abandoned socket harmless.
      this.socket.onerror = ignore
      this.socket.onclose = null
    }
    const now = this.options.clock.monotonic()
    Object.assign(this.record, {
      closeCode: close.code,
      closeReason: close.reason,
      wasClean: close.wasClean,
      closedBy: close.closedBy,
      clientReason: close.clientReason,
      lifetimeMs: this.openedAt === null ? null : Math.round(now - this.openedAt),
      quietMs: this.openedAt === null ? null : Math.round(now - (this.lastFrameAt ?? this.openedAt)),
      failed: !this.deliveredStatus,
    })
    this.sink.end({ ...this.record })
  }
}
