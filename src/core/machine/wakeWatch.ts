/**
 * Notices that the page slept (a laptop lid, a frozen background tab): a tick that fires far
 * later than scheduled. Both clocks are read, because some browsers stop the monotonic clock
 * during sleep while the wall clock keeps going.
 */
import { SingleTimer, type Clock } from '../clock'

const TICK_MS = 5000
/** Later than this is not timer jitter or a busy main thread: the page was asleep. */
const LATE_MS = 5000

export class WakeWatch {
  private readonly timer: SingleTimer
  private expectedWallAt = 0

  constructor(
    private readonly clock: Clock,
    private readonly woke: (sleptMs: number) => void,
  ) {
    this.timer = new SingleTimer(clock)
  }

  start(): void {
    this.expectedWallAt = this.clock.now() + TICK_MS
    this.timer.schedule(TICK_MS, (monotonicLate) => {
      const late = Math.max(monotonicLate, this.clock.now() - this.expectedWallAt)
      this.start()
      if (late > LATE_MS) this.woke(late)
    })
  }

  stop(): void {
    this.timer.cancel()
  }
}
