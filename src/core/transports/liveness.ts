/**
 * Whether an open socket is still doing its job, judged by the server's own cadence: production
 * pushes a `status_update` every 10 s to each subscriber, so silence means something.
 * - No frame at all for `quietMs`: ping now; nothing within `answerMs`: the socket is dead.
 * - Frames (pongs) but no status for `overdueMs`: the status on screen can no longer be vouched
 *   for; for `muteMs`: the socket is not doing its job.
 * Every deadline is measured on the monotonic clock; timers only prompt a check, so a timer that
 * a sleeping laptop held back still finds the deadline passed when it finally fires.
 */
import { SingleTimer, type Clock } from '../clock'

export interface LivenessOptions {
  clock: Clock
  /** No frame this long: ping. Required; the socket transport passes `LIVENESS` (src/core/config.ts). */
  quietMs: number
  /** A ping unanswered this long: dead. */
  answerMs: number
  /** No status this long: overdue. */
  overdueMs: number
  /** No status this long: mute. */
  muteMs: number
}

export interface LivenessEvents {
  /** Send a ping; false if it could not be sent. */
  ping(): boolean
  /** A pending ping was answered by some frame after `ms`. */
  answered(ms: number): void
  dead(waitedMs: number): void
  overdue(silentMs: number): void
  mute(silentMs: number): void
}

export class Liveness {
  private lastFrameAt = 0
  private lastStatusAt: number | null = null
  private pingSentAt: number | null = null
  private overdueReported = false
  private readonly frameTimer: SingleTimer
  private readonly statusTimer: SingleTimer

  constructor(
    private readonly options: LivenessOptions,
    private readonly events: LivenessEvents,
  ) {
    this.frameTimer = new SingleTimer(options.clock)
    this.statusTimer = new SingleTimer(options.clock)
  }

  private now(): number {
    return this.options.clock.monotonic()
  }

  /** Starts watching (after the welcome). */
  start(): void {
    this.lastFrameAt = this.now()
    this.frameTimer.schedule(this.options.quietMs, () => this.check())
  }

  /** Any frame proves the socket alive and answers a pending ping. */
  frame(): void {
    this.lastFrameAt = this.now()
    if (this.pingSentAt === null) return
    const rtt = this.lastFrameAt - this.pingSentAt
    this.pingSentAt = null
    this.frameTimer.schedule(this.options.quietMs, () => this.check())
    this.events.answered(rtt)
  }

  /** A status arrived: the socket is doing its job. */
  status(): void {
    this.lastStatusAt = this.now()
    this.overdueReported = false
    this.statusTimer.schedule(this.options.overdueMs, () => this.checkStatus())
  }

  /** Checks every deadline now (tab visible again, timer fired): pings at once if quiet. */
  check(): void {
    const now = this.now()
    if (this.pingSentAt !== null) {
      const waited = now - this.pingSentAt
      if (waited >= this.options.answerMs) return this.events.dead(waited)
      this.frameTimer.schedule(this.options.answerMs - waited, () => this.check())
    } else {
      const quiet = now - this.lastFrameAt
      if (quiet >= this.options.quietMs) this.ping()
      else this.frameTimer.schedule(this.options.quietMs - quiet, () => this.check())
    }
    this.checkStatus()
  }

  /** Pings now unless a ping is already waiting for its answer. */
  ping(): void {
    if (this.pingSentAt !== null || !this.events.ping()) return
    this.pingSentAt = this.now()
    this.frameTimer.schedule(this.options.answerMs, () => this.check())
  }

  stop(): void {
    this.frameTimer.cancel()
    this.statusTimer.cancel()
  }

  private checkStatus(): void {
    if (this.lastStatusAt === null) return
    const silent = this.now() - this.lastStatusAt
    if (silent >= this.options.muteMs) return this.events.mute(silent)
    if (silent >= this.options.overdueMs && !this.overdueReported) {
      this.overdueReported = true
      this.events.overdue(silent)
    }
    const next = silent < this.options.overdueMs ? this.options.overdueMs : this.options.muteMs
    this.statusTimer.schedule(next - silent, () => this.checkStatus())
  }
}
