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
