/**
 * Coalesces "something may have been missed" events (tab visible, back online, woke from sleep):
 * at most one refresh per `gapMs`. An event inside the gap is not lost: one trailing refresh runs
 * when the gap ends, however many events came meanwhile.
 */
import { SingleTimer, type Clock } from '../clock'

export class RefreshGate {
  private lastRunAt: number | null = null
  private readonly trailing: SingleTimer

  constructor(
    private readonly clock: Clock,
    private readonly gapMs: number,
    private readonly refresh: () => void,
  ) {
    this.trailing = new SingleTimer(clock)
  }

  request(): void {
    const sinceLast = this.lastRunAt === null ? Infinity : this.clock.monotonic() - this.lastRunAt
    if (sinceLast >= this.gapMs) return this.run()
    if (!this.trailing.pending) this.trailing.schedule(this.gapMs - sinceLast, () => this.run())
  }

  cancel(): void {
    this.trailing.cancel()
  }

  private run(): void {
    this.trailing.cancel()
    this.lastRunAt = this.clock.monotonic()
    this.refresh()
  }
}
