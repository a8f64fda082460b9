/** A clock whose time moves only when a test says so; timers fire in due order. */
import type { Clock, TimerHandle } from '../../../src/core/clock'

interface Timer {
  id: number
  due: number
  callback: () => void
}

export class FakeClock implements Clock {
  private time: number
  private nextId = 1
  private timers: Timer[] = []

  constructor(start = Date.UTC(2026, 10, 25, 12, 0, 0)) {
    this.time = start
  }

  now(): number {
    return this.time
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const timer = { id: this.nextId++, due: this.time + Math.max(0, ms), callback }
    this.timers.push(timer)
    return timer.id
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle)
  }

  get pendingTimers(): number {
    return this.timers.length
  }

  /** Moves time forward by `ms`, firing every timer that falls due, in order. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new Error(`advance(${ms}): time only moves forward`)
    const end = this.time + ms
    for (let guard = 0; guard < 100000; guard++) {
      const next = this.timers.reduce<Timer | null>((soonest, t) => (!soonest || t.due < soonest.due ? t : soonest), null)
      if (!next || next.due > end) break
      this.timers = this.timers.filter((t) => t !== next)
      this.time = Math.max(this.time, next.due)
      next.callback()
    }
    this.time = end
  }

  /** Jumps the wall clock without firing timers: a sleeping laptop or a throttled tab. */
  jump(ms: number): void {
    this.time += ms
  }
}
