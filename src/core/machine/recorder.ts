/**
 * Everything the diagnostics panel and the support report show about the connection: the event
 * log, the socket attempts, failed polls, counters, the round trip and the last close code.
 * Transports report here directly; the policy only reads it for the snapshot. Every list is
 * bounded, so a page that flaps for hours does not grow.
 */
import type { Clock } from '../clock'
import type { SocketAttempt } from '../transports/socketAttempt'
import { EventLog, emptyCounters, type CounterName, type DiagnosticEvent, type DiagnosticKind, type DiagnosticLevel, type DiagnosticsSink, type MonitorCounters } from '../eventLog'

/** A status poll that failed, for the diagnostics (newest last, bounded). */
export interface PollFailureRecord {
  /** Wall clock, epoch ms. */
  at: number
  /** HTTP status, or null for a network error or an unreadable body. */
  httpStatus: number | null
  message: string
}

/** The recorder's part of the monitor snapshot. */
export interface DiagnosticsView {
  events: readonly DiagnosticEvent[]
  attempts: readonly SocketAttempt[]
  pollFailures: readonly PollFailureRecord[]
  counters: MonitorCounters
  rttMs: number | null
  wsAttempts: number
  lastCloseCode: number | null
}

/** How many entries each list keeps; the oldest fall off. */
export const LOG_LIMITS = { events: 200, attempts: 50, pollFailures: 20 } as const
const EVENTS_KEPT = LOG_LIMITS.events
const ATTEMPTS_KEPT = LOG_LIMITS.attempts
const POLL_FAILURES_KEPT = LOG_LIMITS.pollFailures

export class DiagnosticsRecorder implements DiagnosticsSink {
  private readonly log_ = new EventLog(EVENTS_KEPT)
  private attempts: SocketAttempt[] = []
  private pollFailures: PollFailureRecord[] = []
  private counters = emptyCounters()
  private rttMs: number | null = null
  private wsAttempts = 0
  private lastCloseCode: number | null = null

  /** `changed` is called after every record, so the owner can publish a new snapshot. */
  constructor(
    private readonly clock: Clock,
    private readonly changed: () => void = () => undefined,
  ) {}

  log(kind: DiagnosticKind, level: DiagnosticLevel, message: string): void {
    this.log_.add({ at: this.clock.now(), kind, level, message })
    this.changed()
  }

  count(counter: CounterName): void {
    this.counters[counter] += 1
  }

  /** A new socket attempt starts; returns its 1-based id. */
  attemptStarted(): number {
    this.wsAttempts += 1
    return this.wsAttempts
  }

  attemptEnded(record: SocketAttempt): void {
    this.attempts.push(record)
    if (this.attempts.length > ATTEMPTS_KEPT) this.attempts.shift()
    // Our own closes (stop, terminal status, aborted handshake) say nothing about the path.
    if (record.closedBy !== 'client' && record.closeCode !== null) this.lastCloseCode = record.closeCode
    this.changed()
  }

  roundTrip(ms: number): void {
    this.rttMs = Math.round(ms)
    this.changed()
  }

  pollFailed(httpStatus: number | null, message: string): void {
    this.pollFailures.push({ at: this.clock.now(), httpStatus, message })
    if (this.pollFailures.length > POLL_FAILURES_KEPT) this.pollFailures.shift()
    this.changed()
  }

  /** A new channel starts with fresh counters; the attempts and log stay for the report. */
  resetCounters(): void {
    this.counters = emptyCounters()
  }

  view(): DiagnosticsView {
    return {
      events: this.log_.list(),
      attempts: this.attempts.slice(),
      pollFailures: this.pollFailures.slice(),
      counters: { ...this.counters },
      rttMs: this.rttMs,
      wsAttempts: this.wsAttempts,
      lastCloseCode: this.lastCloseCode,
    }
  }
}
