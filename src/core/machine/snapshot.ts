/** What the monitor exposes to the store and the UI: one immutable snapshot per change. */
import type { DiagnosticEvent } from '../diagnostics/events'
import type { PaymentStatus } from '../protocol/status'
import type { ConnectionState } from './states'

export type TransportKind = 'websocket' | 'polling' | 'none'

/** Who ended a WebSocket: us, the server with a close frame, or nobody (no close frame). */
export type ClosedBy = 'client' | 'server' | 'network'

/** One WebSocket connection attempt, as the diagnostics panel shows it. */
export interface SocketAttempt {
  /** 1-based number of this attempt on this page. */
  id: number
  url: string
  startedAt: number
  /** ms from start to `open`, null if it never opened. */
  openMs: number | null
  /** ms from start to the server's `connected` welcome, null if none came. */
  welcomeMs: number | null
  /** ms from `open` to close; null while open or if it never opened. */
  lifetimeMs: number | null
  /** ms between the last frame received and the close: an idle timeout shows as a steady figure. */
  quietMs: number | null
  closeCode: number | null
  closeReason: string
  wasClean: boolean | null
  closedBy: ClosedBy | null
  /** Why the app closed it itself, e.g. `connect timeout`, `heartbeat timeout`, `terminal status`. */
  clientReason: string | null
  /** True if the attempt never got to deliver a status (refused, timed out, flapped). */
  failed: boolean | null
}

export interface MonitorCounters {
  framesIn: number
  framesOut: number
  invalidFrames: number
  polls: number
  pollErrors: number
  errors: number
}

export type FailureReason = 'not_found' | 'unreachable' | null

/** A status poll that failed, for the diagnostics (newest last, bounded). */
export interface PollFailureRecord {
  at: number
  /** HTTP status, or null for a network error or an unreadable body. */
  httpStatus: number | null
  message: string
}

export interface MonitorSnapshot {
  channelId: string | null
  state: ConnectionState
  /** What delivers status right now. */
  transport: TransportKind
  status: PaymentStatus | null
  /** Browser clock (epoch ms) when the last status update arrived, applied or confirming the same. */
  lastUpdateAt: number | null
  /** Server clock minus browser clock, in ms, from frame timestamps and HTTP `Date`. */
  serverClockOffsetMs: number | null
  notFound: boolean
  failureReason: FailureReason
  online: boolean
  visible: boolean
  /** Browser clock when the next background socket attempt starts, or null. */
  nextSocketAttemptAt: number | null
  /** Browser clock of the next poll, or null. */
  nextPollAt: number | null
  pollIntervalMs: number
  /** Heartbeat settings of this build: an idle timeout shorter than the interval cuts quiet sockets. */
  heartbeatIntervalMs: number
  heartbeatTimeoutMs: number
  /** The newest failed polls, oldest first (bounded). */
  pollFailures: readonly PollFailureRecord[]
  /** Last ping → pong round trip, ms. */
  rttMs: number | null
  /** WebSocket connections started on this page. */
  wsAttempts: number
  /** Code of the last close the app did not ask for itself. */
  lastCloseCode: number | null
  /** The newest attempts, oldest first (bounded). */
  attempts: readonly SocketAttempt[]
  counters: MonitorCounters
  events: readonly DiagnosticEvent[]
  /** Endpoints in use, for the diagnostics panel. */
  endpoints: { wsUrl: string; apiUrl: string }
}

/** Outcome of reporting a sent payment (`payment_sent` frame or verify-transaction POST). */
export interface PaymentSentResult {
  ok: boolean
  via: 'websocket' | 'http'
  /** Server's words or ours; plain text. */
  message: string
}
