/**
 * The connection as one value. Everything else the UI shows about it (which transport delivers,
 * "not found", stopped) is derived from this value, never stored beside it, so the two can never
 * disagree.
 */
import type { ConnectionState } from './states'

export type FailureKind = 'not_found' | 'unreachable'

export type Connection =
  | { readonly state: Exclude<ConnectionState, 'failed'> }
  | { readonly state: 'failed'; readonly reason: FailureKind }

export type TransportKind = 'websocket' | 'polling' | 'none'
export type FailureReason = FailureKind | null

export const IDLE: Connection = { state: 'idle' }
export const CONNECTING: Connection = { state: 'connecting' }
export const OPEN: Connection = { state: 'open' }
export const POLLING: Connection = { state: 'polling' }
export const NOT_FOUND: Connection = { state: 'failed', reason: 'not_found' }
export const UNREACHABLE: Connection = { state: 'failed', reason: 'unreachable' }

export function failureReasonOf(connection: Connection): FailureReason {
  return connection.state === 'failed' ? connection.reason : null
}

export function isNotFound(connection: Connection): boolean {
  return failureReasonOf(connection) === 'not_found'
}

/** Steady HTTP polling runs in these states (paused only while the browser is offline). */
export function pollsSteadily(connection: Connection): boolean {
  return connection.state === 'polling' || failureReasonOf(connection) === 'unreachable'
}

/** A socket is kept or sought in these states: not when stopped, nor for a channel that does not exist. */
export function wantsSocket(connection: Connection): boolean {
  return connection.state !== 'idle' && !isNotFound(connection)
}

/** What delivers status right now. */
export function transportOf(connection: Connection): TransportKind {
  if (connection.state === 'open') return 'websocket'
  return pollsSteadily(connection) ? 'polling' : 'none'
}

export function describe(connection: Connection): string {
  return connection.state === 'failed' ? `failed (${connection.reason.replace('_', ' ')})` : connection.state
}
