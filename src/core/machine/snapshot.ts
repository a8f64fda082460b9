/**
 * What the monitor exposes to the store and the UI: one immutable snapshot per change, and how it
 * is read off the policy's parts. The types it is made of live with the layer that produces them;
 * import them from there.
 */
import type { MonitorConfig } from '../config'
import type { DiagnosticEvent, MonitorCounters } from '../eventLog'
import type { PaymentStatus } from '../protocol/status'
import type { SocketAttempt } from '../transports/socketAttempt'
import { failureReasonOf, isNotFound, pollsSteadily, transportOf, type Connection, type FailureReason, type TransportKind } from './connection'
import type { DiagnosticsView, PollFailureRecord } from './recorder'
import type { ConnectionState } from './states'

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

/** What the policy holds at one moment; the snapshot is read off it. */
export interface SnapshotParts {
  channelId: string | null
  connection: Connection
  board: Pick<MonitorSnapshot, 'status' | 'lastUpdateAt' | 'serverClockOffsetMs'>
  /** The open socket cannot vouch for the status. */
  socketStale: boolean
  page: Pick<MonitorSnapshot, 'online' | 'visible'>
  nextSocketAttemptAt: number | null
  /** The poller's next request, steady or not. */
  nextPollAt: number | null
  liveness: { quietMs: number; answerMs: number }
  config: Pick<MonitorConfig, 'pollIntervalMs' | 'wsUrl' | 'apiUrl'>
  diagnostics: DiagnosticsView
}

/** Everything but the parts themselves is derived from the one connection value. */
export function readSnapshot(parts: SnapshotParts): MonitorSnapshot {
  const { connection, board, config } = parts
  return {
    channelId: parts.channelId,
    state: connection.state,
    transport: transportOf(connection),
    status: board.status,
    lastUpdateAt: board.lastUpdateAt,
    serverClockOffsetMs: board.serverClockOffsetMs,
    notFound: isNotFound(connection),
    failureReason: failureReasonOf(connection),
    statusStale: connection.state === 'open' && parts.socketStale,
    online: parts.page.online,
    visible: parts.page.visible,
    nextSocketAttemptAt: parts.nextSocketAttemptAt,
    nextPollAt: pollsSteadily(connection) ? parts.nextPollAt : null,
    pollIntervalMs: config.pollIntervalMs,
    heartbeatIntervalMs: parts.liveness.quietMs,
    heartbeatTimeoutMs: parts.liveness.answerMs,
    ...parts.diagnostics,
    endpoints: { wsUrl: config.wsUrl, apiUrl: config.apiUrl },
  }
}
