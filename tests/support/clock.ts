/** A clock whose time moves only when a test says so; timers fire in due order. */
import type { Clock, TimerHandle } from '../../src/core/clock'

interface Timer {
  id: number
  /** Due on the monotonic clock, as a real timer is. */
  due: number
  callback: () => void
}

export class FakeClock implements Clock {
  private time: number
  private mono = 0
  private nextId = 1
  private timers: Timer[] = []

  constructor(start = Date.UTC(2026, 10, 25, 12, 0, 0)) {
    this.time = start
  }

  now(): number {
    return this.time
  }

  monotonic(): number {
    return this.mono
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const timer = { id: this.nextId++, due: this.mono + Math.max(0, ms), callback }
    this.timers.push(timer)
    return timer.id
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle)
  }

  get pendingTimers(): number {
    return this.timers.length
  }

  /** Moves both clocks forward by `ms`, firing every timer that falls due, in order. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new Error(`advance(${ms}): time only moves forward`)
    const startMono = this.mono
    const startWall = this.time
    const end = startMono + ms
    for (let guard = 0; guard < 100000; guard++) {
      const next = this.timers.reduce<Timer | null>((soonest, t) => (!soonest || t.due < soonest.due ? t : soonest), null)
      if (!next || next.due > end) break
      this.timers = this.timers.filter((t) => t !== next)
      if (next.due > this.mono) {
        this.mono = next.due
        this.time = startWall + (next.due - startMono)
      }
      next.callback()
    }
    this.mono = end
    this.time = startWall + ms
  }

  /**
   * Moves both clocks without firing timers: a sleeping laptop or a throttled tab, whose timers
   * fire late. The next `advance()` fires everything that fell due meanwhile.
   */
  jump(ms: number): void {
    this.time += ms
    this.mono += ms
  }

  /** Sets the wall clock only (a user or NTP changing the time); timers and `monotonic()` are unaffected. */
  setWall(epochMs: number): void {
    this.time = epochMs
  }
}
