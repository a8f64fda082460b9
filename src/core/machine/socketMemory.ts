/**
 * Remembers, for this tab only, that the socket failed here, so that a reload starts on polling at
 * once while still probing the socket. It is cleared as soon as a socket proves healthy, so a
 * user is never pinned to polling by an old failure.
 */

export interface StorageLike {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

const KEY = 'dlux-payment-monitor:socket-failed'

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

  forget(): void {
    try {
      this.storage?.removeItem(KEY)
    } catch {
      // see rememberFailure
    }
  }
}
