/**
 * Remembers, for this tab only, that the socket failed here, so that a reload starts on polling at
 * once while still probing the socket. It is cleared as soon as a socket proves healthy, so a
 * user is never pinned to polling by an old failure. It also remembers when a healthy socket was
 * last seen, so that a reload while the server restarts does not mistake the path for one that
 * never carries WebSockets.
 */

export interface StorageLike {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

/** The tab's storage keys: a failure not yet cleared, and when a healthy socket was last seen. */
export const SOCKET_MEMORY_KEYS = { failed: 'dlux-payment-monitor:socket-failed', worked: 'dlux-payment-monitor:socket-worked' } as const
const KEY = SOCKET_MEMORY_KEYS.failed
const WORKED_KEY = SOCKET_MEMORY_KEYS.worked

export class SocketMemory {
  constructor(private readonly storage: StorageLike | null) {}

  get socketFailedBefore(): boolean {
    try {
      return this.storage?.getItem(KEY) != null
    } catch {
      return false // storage disabled (privacy mode): behave as on a first visit
    }
  }

  rememberFailure(at: number): void {
    try {
      this.storage?.setItem(KEY, String(at))
    } catch {
      // Quota or privacy mode: only the reload shortcut is lost.
    }
  }

  /** `at`: wall-clock ms (it must survive a reload, which the monotonic clock does not). */
  rememberWorking(at: number): void {
    try {
      this.storage?.setItem(WORKED_KEY, String(at))
    } catch {
      // see rememberFailure
    }
  }

  /** A healthy socket was seen in this tab less than `ms` before `now` (wall-clock ms). */
  workedWithin(ms: number, now: number): boolean {
    try {
      const at = Number(this.storage?.getItem(WORKED_KEY) ?? NaN)
      // A clock set back since then gives a future time: trust it no more than a missing one.
      return Number.isFinite(at) && at <= now && now - at < ms
    } catch {
      return false
    }
  }

  forget(): void {
    try {
      this.storage?.removeItem(KEY)
    } catch {
      // see rememberFailure
    }
  }
}
