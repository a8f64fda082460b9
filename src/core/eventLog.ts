/** The diagnostics event log: what happened on the connection, bounded, for people to read. */

export type DiagnosticLevel = 'info' | 'warn' | 'error'

export type DiagnosticKind =
  | 'state' // the connection state machine moved
  | 'socket' // a WebSocket attempt opened, was welcomed, closed, timed out
  | 'heartbeat' // ping/pong and liveness
  | 'poll' // an HTTP status poll and its outcome
  | 'status' // a payment status was applied or discarded
  | 'invalid' // a frame or body that failed validation, dropped
  | 'server-error' // an `error` frame or an HTTP error from the server
  | 'network' // online/offline, visibility
  | 'command' // retry, stop, payment reported

export interface DiagnosticEvent {
  /** Epoch ms, browser clock. */
  at: number
  kind: DiagnosticKind
  level: DiagnosticLevel
  /** Plain text; may quote server text, always rendered as text. */
  message: string
}

/** Keeps the newest `limit` events; older ones fall off the front. */
export class EventLog {
  private readonly entries: DiagnosticEvent[] = []

  constructor(private readonly limit = 200) {}

  add(event: DiagnosticEvent): void {
    this.entries.push(event)
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit)
  }

  list(): readonly DiagnosticEvent[] {
    return this.entries.slice()
  }

  clear(): void {
    this.entries.length = 0
  }
}

/** What the connection has counted since the channel was started. */
export interface MonitorCounters {
  framesIn: number
  framesOut: number
  invalidFrames: number
  polls: number
  pollErrors: number
  errors: number
}

export type CounterName = keyof MonitorCounters

export function emptyCounters(): MonitorCounters {
  return { framesIn: 0, framesOut: 0, invalidFrames: 0, polls: 0, pollErrors: 0, errors: 0 }
}

/** Where transports report what they saw, directly, without going through the policy. */
export interface DiagnosticsSink {
  log(kind: DiagnosticKind, level: DiagnosticLevel, message: string): void
  count(counter: CounterName): void
}
