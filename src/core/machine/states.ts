/** The connection states and the only moves between them. */

export type ConnectionState = 'idle' | 'connecting' | 'open' | 'polling' | 'failed'

/**
 * Allowed transitions. Anything else is a bug: `assertTransition` throws, and tests catch it.
 * - `connecting`: a socket attempt is under way and nothing better is delivering status yet
 *   (polling may still run underneath after a manual retry).
 * - `open`: a welcomed socket has delivered a status.
 * - `polling`: HTTP delivers status; the socket is retried in the background.
 * - `failed`: nothing delivers status (channel not found, or every poll fails); retry still works.
 * - `idle`: not monitoring (before start, after stop, after a terminal status).
 */
export const TRANSITIONS: Readonly<Record<ConnectionState, readonly ConnectionState[]>> = {
  idle: ['connecting', 'polling'],
  connecting: ['open', 'polling', 'failed', 'idle'],
  open: ['polling', 'connecting', 'failed', 'idle'],
  polling: ['open', 'connecting', 'failed', 'idle'],
  failed: ['connecting', 'polling', 'open', 'failed', 'idle'],
}

export function canTransition(from: ConnectionState, to: ConnectionState): boolean {
  return TRANSITIONS[from].includes(to)
}

export class IllegalTransitionError extends Error {
  constructor(
    readonly from: ConnectionState,
    readonly to: ConnectionState,
  ) {
    super(`Illegal connection state transition: ${from} → ${to}`)
    this.name = 'IllegalTransitionError'
  }
}

export function assertTransition(from: ConnectionState, to: ConnectionState): void {
  if (!canTransition(from, to)) throw new IllegalTransitionError(from, to)
}
