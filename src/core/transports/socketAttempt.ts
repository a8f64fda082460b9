/** The record of one WebSocket connection attempt: what the diagnostics panel and the hints read. */

/** Who ended a WebSocket: us, the server with a close frame, or nobody (no close frame). */
export type ClosedBy = 'client' | 'server' | 'network'

/** One WebSocket connection attempt, as the diagnostics panel shows it. */
export interface SocketAttempt {
  /** 1-based number of this attempt on this page. */
  id: number
  url: string
  /** Wall clock (epoch ms) it started, for display. */
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
  /** Why the app closed it itself, e.g. `connect timeout`, `heartbeat timeout`, `no status`. */
  clientReason: string | null
  /** True if the attempt never got to deliver a status (refused, timed out, flapped). */
  failed: boolean | null
}

export function newAttemptRecord(id: number, url: string, startedAt: number): SocketAttempt {
  return {
    id,
    url,
    startedAt,
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
