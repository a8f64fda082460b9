/** Time and timers, injected so that tests drive them with fakes and never sleep. */

export type TimerHandle = unknown

export interface Clock {
  /** Wall-clock epoch milliseconds: for display and for comparing with server timestamps only. */
  now(): number
  /**
   * Milliseconds from an arbitrary origin that never jumps (`performance.now()`): every deadline
   * and duration is measured on it, so a wall clock set back an hour cannot delay a deadline.
   */
  monotonic(): number
  setTimeout(callback: () => void, ms: number): TimerHandle
  clearTimeout(handle: TimerHandle): void
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => globalThis.performance.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
}

/**
 * One pending timeout that replaces itself: scheduling again cancels the previous one, so a
 * caller can never leak a second timer for the same purpose. Its deadline is kept on the
 * monotonic clock; `due` translates it to wall time for display only.
 */
export class SingleTimer {
  private handle: TimerHandle | null = null
  private dueMono: number | null = null

  constructor(private readonly clock: Clock) {}

  /** Runs `callback` once after `ms`; the callback learns how late it fired (a sleeping laptop). */
  schedule(ms: number, callback: (lateMs: number) => void): void {
    this.cancel()
    const dueMono = this.clock.monotonic() + ms
    this.dueMono = dueMono
    this.handle = this.clock.setTimeout(() => {
      this.handle = null
      this.dueMono = null
      callback(Math.max(0, this.clock.monotonic() - dueMono))
    }, ms)
  }

  cancel(): void {
    if (this.handle !== null) this.clock.clearTimeout(this.handle)
    this.handle = null
    this.dueMono = null
  }

  get pending(): boolean {
    return this.handle !== null
  }

  /** Monotonic time the callback is due, or null. */
  get dueMonotonic(): number | null {
    return this.dueMono
  }

  /** Wall-clock time the callback is due (for display), or null. */
  get due(): number | null {
    return this.dueMono === null ? null : this.clock.now() + (this.dueMono - this.clock.monotonic())
  }
}
