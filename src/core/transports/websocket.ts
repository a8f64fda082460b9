/**
 * One WebSocket connection attempt, from `new WebSocket` to its end: waits for the server's
 * welcome before subscribing, keeps an app-level heartbeat, and reports exactly one `end` with a
 * record of what happened. A new attempt is a new instance, so nothing from an old socket can
 * leak into a new one.
 */
import { SingleTimer, type Clock } from '../clock'
import { describeCloseCode } from '../diagnostics/closeCodes'
import type { ClosedBy, SocketAttempt } from '../machine/snapshot'
import type {
  ClientMessage,
  ErrorMessage,
  PaymentSentConfirmedMessage,
  PaymentVerifiedMessage,
} from '../protocol/messages'
import { parseServerFrame } from '../protocol/parse'
import { parseTime, statusFromFrame } from '../protocol/status'
import { WS_OPEN, type CreateWebSocket, type Transport, type TransportSink, type WebSocketLike } from './transport'

export interface WebSocketTransportOptions {
  attemptId: number
  url: string
  channelId: string
  createSocket: CreateWebSocket
  clock: Clock
  /** Open and welcome must both arrive within this. */
  connectTimeoutMs: number
  heartbeatIntervalMs: number
  heartbeatTimeoutMs: number
}

/** What a socket attempt reports beyond the common sink. */
export interface WebSocketSink extends TransportSink {
  open(): void
  welcome(): void
  serverError(message: ErrorMessage): void
  paymentAck(message: PaymentVerifiedMessage | PaymentSentConfirmedMessage): void
  roundTrip(ms: number): void
  /** Exactly once per attempt. */
  end(record: SocketAttempt): void
}

/** Close codes the client may send (1000 or 3000–4999). */
export const CLIENT_CLOSE = {
  normal: 1000,
  connectTimeout: 4000,
  heartbeatTimeout: 4001,
} as const

const ignore = () => undefined

export class WebSocketTransport implements Transport {
  readonly name = 'websocket'
  private socket: WebSocketLike | null = null
  private readonly record: SocketAttempt
  private openedAt: number | null = null
  private lastFrameAt: number | null = null
  private welcomed = false
  private deliveredStatus = false
  /** Browser time of the unanswered ping, or null. */
  private pingSentAt: number | null = null
  private ended = false
  private readonly connectTimer: SingleTimer
  private readonly pingTimer: SingleTimer
  private readonly deadlineTimer: SingleTimer

  constructor(
    private readonly options: WebSocketTransportOptions,
    private readonly sink: WebSocketSink,
  ) {
    this.connectTimer = new SingleTimer(options.clock)
    this.pingTimer = new SingleTimer(options.clock)
    this.deadlineTimer = new SingleTimer(options.clock)
    this.record = {
      id: options.attemptId,
      url: options.url,
      startedAt: options.clock.now(),
      openMs: null,
      welcomeMs: null,
      lifetimeMs: null,
      quietMs: null,
      closeCode: null,
      closeReason: '',
      wasClean: null,
      closedBy: null,
      clientReason: null,
      failed: null,
    }
  }

  get attemptId(): number {
    return this.options.attemptId
  }

  get isOpen(): boolean {
    return this.socket !== null && this.welcomed && this.socket.readyState === WS_OPEN
  }

  get hasDeliveredStatus(): boolean {
    return this.deliveredStatus
  }

  get openedSince(): number | null {
    return this.openedAt
  }

  start(): void {
    if (this.socket || this.ended) return
    const { url, clock } = this.options
    this.record.startedAt = clock.now()
    let socket: WebSocketLike
    try {
      socket = this.options.createSocket(url)
    } catch (error) {
      // A malformed URL or a blocked scheme (mixed content) throws synchronously.
      this.sink.log('socket', 'error', `Could not create WebSocket for ${url}: ${String(error)}`)
      this.finish({ code: null, reason: '', wasClean: null, closedBy: 'client', clientReason: 'could not create socket' })
      return
    }
    this.socket = socket
    socket.onopen = () => this.handleOpen()
    socket.onmessage = (event) => this.handleMessage(event.data)
    socket.onerror = () => this.sink.log('socket', 'warn', `Attempt #${this.record.id}: WebSocket error event`)
    socket.onclose = (event) => this.handleClose(event)
    this.connectTimer.schedule(this.options.connectTimeoutMs, () => this.handleConnectTimeout())
    this.sink.log('socket', 'info', `Attempt #${this.record.id}: connecting to ${url}`)
  }

  stop(reason = 'monitor stopped'): void {
    this.closeByClient(CLIENT_CLOSE.normal, reason)
  }

  /** Ends the attempt with a normal close, e.g. at a terminal payment status. */
  closeNormally(reason: string): void {
    if (this.isOpen) this.send({ type: 'unsubscribe', channelId: this.options.channelId })
    this.closeByClient(CLIENT_CLOSE.normal, reason)
  }

  /**
   * Checks liveness against the wall clock: timers that a background tab or a sleeping laptop
   * delayed still catch a dead socket, here or when the deadline timer finally fires.
   */
  refresh(): void {
    if (!this.welcomed || this.ended) return
    if (this.pingSentAt !== null) {
      this.checkDeadline()
      return
    }
    const quiet = this.options.clock.now() - (this.lastFrameAt ?? this.options.clock.now())
    if (quiet >= this.options.heartbeatIntervalMs) this.sendPing()
  }

  send(message: ClientMessage): boolean {
    const socket = this.socket
    if (!socket || socket.readyState !== WS_OPEN || this.ended) return false
    try {
      socket.send(JSON.stringify(message))
    } catch (error) {
      this.sink.log('socket', 'warn', `Attempt #${this.record.id}: send failed: ${String(error)}`)
      return false
    }
    this.sink.count('framesOut')
    return true
  }

  private elapsed(): number {
    return this.options.clock.now() - this.record.startedAt
  }

  private handleOpen(): void {
    if (this.ended) return
    this.openedAt = this.options.clock.now()
    this.record.openMs = this.elapsed()
    this.sink.log('socket', 'info', `Attempt #${this.record.id}: open after ${this.record.openMs} ms, waiting for welcome`)
    this.sink.open()
  }

  private handleMessage(data: unknown): void {
    if (this.ended) return
    this.lastFrameAt = this.options.clock.now()
    this.sink.count('framesIn')
    this.noteAlive()
    const result = parseServerFrame(data)
    if (result.kind === 'rejected') {
      this.sink.count('invalidFrames')
      this.sink.log('invalid', 'warn', `Dropped a frame: ${result.reason}`)
      return
    }
    if (result.kind === 'ignored') {
      this.sink.log('invalid', 'info', `Ignored a frame of unknown type "${result.type.slice(0, 40)}"`)
      return
    }
    const message = result.message
    const serverTime = 'timestamp' in message ? parseTime(message.timestamp) : null
    if (serverTime !== null) this.sink.serverTime(serverTime)
    switch (message.type) {
      case 'connected':
        return this.handleWelcome()
      case 'status_update':
        if (message.channelId !== this.options.channelId) {
          this.sink.log('invalid', 'info', 'Ignored a status update for another channel')
          return
        }
        this.deliveredStatus = true
        this.sink.status(statusFromFrame(message), {
          requestStartedAt: null,
          socketAttemptId: this.options.attemptId,
          receivedAtWall: this.options.clock.now(),
        })
        return
      case 'pong':
        return // noteAlive already answered the ping
      case 'error':
        this.sink.count('errors')
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
    this.connectTimer.cancel()
    this.record.welcomeMs = this.elapsed()
    this.sink.log('socket', 'info', `Attempt #${this.record.id}: welcomed after ${this.record.welcomeMs} ms, subscribing`)
    this.send({ type: 'subscribe', channelId: this.options.channelId })
    this.pingTimer.schedule(this.options.heartbeatIntervalMs, () => this.sendPing())
    this.sink.welcome()
  }

  /** Any frame proves the socket alive; a pending ping is answered by it. */
  private noteAlive(): void {
    if (this.pingSentAt === null) return
    this.sink.roundTrip(this.options.clock.now() - this.pingSentAt)
    this.pingSentAt = null
    this.deadlineTimer.cancel()
    this.pingTimer.schedule(this.options.heartbeatIntervalMs, () => this.sendPing())
  }

  private sendPing(): void {
    if (this.ended || this.pingSentAt !== null) return
    if (!this.send({ type: 'ping' })) return
    this.pingSentAt = this.options.clock.now()
    this.deadlineTimer.schedule(this.options.heartbeatTimeoutMs, () => this.checkDeadline())
  }

  private checkDeadline(): void {
    if (this.ended || this.pingSentAt === null) return
    const waited = this.options.clock.now() - this.pingSentAt
    if (waited < this.options.heartbeatTimeoutMs) {
      this.deadlineTimer.schedule(this.options.heartbeatTimeoutMs - waited, () => this.checkDeadline())
      return
    }
    this.sink.log('heartbeat', 'warn', `Attempt #${this.record.id}: no frame for ${waited} ms after a ping: socket is dead`)
    this.closeByClient(CLIENT_CLOSE.heartbeatTimeout, 'heartbeat timeout')
  }

  private handleConnectTimeout(): void {
    if (this.ended) return
    const stage = this.openedAt === null ? 'did not open' : 'opened but sent no welcome'
    this.sink.log('socket', 'warn', `Attempt #${this.record.id}: ${stage} within ${this.options.connectTimeoutMs} ms`)
    this.closeByClient(this.openedAt === null ? CLIENT_CLOSE.normal : CLIENT_CLOSE.connectTimeout, 'connect timeout')
  }

  private handleClose(event: { code: number; reason: string; wasClean: boolean }): void {
    if (this.ended) return
    // A close frame from the server is clean; 1006 is the browser saying no close frame came.
    const closedBy: ClosedBy = event.code === 1006 || !event.wasClean ? 'network' : 'server'
    const reason = typeof event.reason === 'string' ? event.reason.slice(0, 123) : ''
    this.sink.log(
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
  private finish(close: {
    code: number | null
    reason: string
    wasClean: boolean | null
    closedBy: ClosedBy
    clientReason: string | null
  }): void {
    if (this.ended) return
    this.ended = true
    this.connectTimer.cancel()
    this.pingTimer.cancel()
    this.deadlineTimer.cancel()
    if (this.socket) {
      this.socket.onopen = null
      this.socket.onmessage = null
      // Some engines (Node's `ws`) raise an aborted handshake's error as an exception when no
      // handler is set; a no-op keeps a late error from an abandoned socket harmless.
      this.socket.onerror = ignore
      this.socket.onclose = null
    }
    const now = this.options.clock.now()
    Object.assign(this.record, {
      closeCode: close.code,
      closeReason: close.reason,
      wasClean: close.wasClean,
      closedBy: close.closedBy,
      clientReason: close.clientReason,
      lifetimeMs: this.openedAt === null ? null : now - this.openedAt,
      quietMs: this.openedAt === null ? null : now - (this.lastFrameAt ?? this.openedAt),
      failed: !this.deliveredStatus,
    })
    this.sink.end({ ...this.record })
  }
}
