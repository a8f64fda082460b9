/**
 * What the monitor exposes to the store and the UI: one immutable snapshot per change. The types
 * it is made of live with the layer that produces them; they are re-exported here under the
 * names the UI has always imported.
 */
import type { DiagnosticEvent, MonitorCounters } from '../diagnostics/events'
import type { PollFailureRecord } from '../diagnostics/recorder'
import type { PaymentStatus } from '../protocol/status'
import type { SocketAttempt } from '../transports/websocket'
import type { FailureReason, TransportKind } from './connection'
import type { ConnectionState } from './states'

export type { ClosedBy, SocketAttempt } from '../transports/websocket'
export type { MonitorCounters } from '../diagnostics/events'
export type { PollFailureRecord } from '../diagnostics/recorder'
export type { PaymentSentResult } from './paymentReporter'
export type { Connection, FailureReason, TransportKind } from './connection'

export interface MonitorSnapshot {
  channelId: string | null
  /** Read off the one connection value, as are `transport`, `notFound` and `failureReason`. */
  state: ConnectionState
  /** What delivers status right now. */
  transport: TransportKind
  status: PaymentStatus | null
  /** Browser clock (epoch ms) when the last status update arrived, applied or confirming the same. */
  lastUpdateAt: number | null
  /** Server clock minus browser clock, in ms, from plausible frame timestamps and HTTP `Date`. */
  serverClockOffsetMs: number | null
  notFound: boolean
  failureReason: FailureReason
  /**
   * True while the socket is open but cannot vouch for the status shown (the server sends error
   * frames about the channel instead of statuses, or no status for too long): never say "Live" then.
   */
  statusStale: boolean
  online: boolean
  visible: boolean
  /** Browser clock when the next background socket attempt starts, or null. */
  nextSocketAttemptAt: number | null
  /** Browser clock of the next poll, or null. */
  nextPollAt: number | null
  pollIntervalMs: number
  /** Liveness in effect: no frame for this long, a ping goes out (an idle timeout below it cuts quiet sockets). */
  heartbeatIntervalMs: number
  /** A ping unanswered this long: the socket is dead. */
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
