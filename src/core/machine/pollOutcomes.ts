/**
 * What each poll's outcome means for the connection: the API's own 404 settles "not found" (then
 * one check a minute), a poll that succeeds brings the connection back from either failure, and
 * `POLL_FAILURES_BEFORE_FAILED` failed polls in a row with no socket mean nothing delivers status.
 */
import { SingleTimer, type Clock } from '../clock'
import * as C from './connection'
import type { DiagnosticsRecorder } from './recorder'

/** After this many failed polls in a row, with no socket, nothing delivers status: `failed`. */
export const POLL_FAILURES_BEFORE_FAILED = 3

/** The policy as poll outcomes see it. */
export interface PollOutcomeHost {
  connection(): C.Connection
  /** An open socket that delivers status outranks a poll's not-found. */
  socketVouches(): boolean
  moveTo(next: C.Connection, why: string): void
  /** The channel exists again: try the socket. */
  connect(): void
  /** Ask HTTP now (as one change). */
  refresh(): void
}

export class PollOutcomes {
  private failuresInARow = 0
  private readonly recheck: SingleTimer

  constructor(
    clock: Clock,
    private readonly recheckMs: number,
    private readonly diagnostics: DiagnosticsRecorder,
    private readonly host: PollOutcomeHost,
  ) {
    this.recheck = new SingleTimer(clock)
  }

  notFound(): void {
    if (this.host.socketVouches()) {
      return this.diagnostics.log('poll', 'warn', 'The poll says the channel is not found, but the socket delivers its status: trusting the socket')
    }
    if (C.isNotFound(this.host.connection())) return this.scheduleRecheck()
    this.diagnostics.log('poll', 'error', 'Payment channel not found: monitoring paused, checking again once a minute')
    this.host.moveTo(C.NOT_FOUND, 'channel not found')
  }

  succeeded(): void {
    this.failuresInARow = 0
    const connection = this.host.connection()
    if (C.isNotFound(connection)) {
      this.host.moveTo(C.CONNECTING, 'the channel exists now')
      this.host.connect()
    } else if (connection.state === 'failed') {
      this.host.moveTo(C.POLLING, 'poll succeeded')
    }
  }

  failed(httpStatus: number | null, message: string): void {
    this.diagnostics.pollFailed(httpStatus, message)
    if (C.isNotFound(this.host.connection())) return this.scheduleRecheck()
    this.failuresInARow += 1
    if (this.failuresInARow >= POLL_FAILURES_BEFORE_FAILED && this.host.connection().state === 'polling') {
      this.host.moveTo(C.UNREACHABLE, `${this.failuresInARow} polls failed in a row (${message})`)
    }
  }

  /** A manual retry or the end of monitoring starts the count again. */
  resetStreak(): void {
    this.failuresInARow = 0
  }

  /** Entering "not found": the one check a minute (going offline does not cancel it). */
  scheduleRecheck(): void {
    this.recheck.schedule(this.recheckMs, () => this.host.refresh())
  }

  cancelRecheck(): void {
    this.recheck.cancel()
  }
}
