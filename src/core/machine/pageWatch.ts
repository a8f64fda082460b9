/**
 * Whether the page can and should talk to the server: online, visible, awake. Coming back from
 * any of these asks for one refresh; refreshes coalesce to at most one per `REFRESH_GAP_MS`, with
 * one trailing refresh at the end of the gap if more events came meanwhile. Sleep shows as a
 * tick firing far later than scheduled; both clocks are read, because some browsers stop the
 * monotonic clock during sleep while the wall clock keeps going.
 */
import { SingleTimer, type Clock } from '../clock'
import type { DiagnosticsSink } from '../eventLog'

/** Visibility and online events refresh at most once per this gap. */
const REFRESH_GAP_MS = 2000
const TICK_MS = 5000
/** Later than this is not timer jitter or a busy main thread: the page was asleep. */
const ASLEEP_MS = 5000

export interface PageWatchHooks {
  /** Ask HTTP now and check the socket. */
  refresh(): void
  /** The browser went offline: pause what sends requests. */
  offline(): void
}

export class PageWatch {
  online = true
  visible = true
  private lastRefreshAt: number | null = null
  private expectedTickAt = 0
  private readonly trailing: SingleTimer
  private readonly tick: SingleTimer

  constructor(
    private readonly clock: Clock,
    private readonly diagnostics: DiagnosticsSink,
    private readonly hooks: PageWatchHooks,
  ) {
    this.trailing = new SingleTimer(clock)
    this.tick = new SingleTimer(clock)
  }

  /** Watches for sleep while monitoring. */
  start(): void {
    this.expectedTickAt = this.clock.now() + TICK_MS
    this.tick.schedule(TICK_MS, (monotonicLate) => {
      const late = Math.max(monotonicLate, this.clock.now() - this.expectedTickAt)
      this.start()
      if (late <= ASLEEP_MS) return
      this.diagnostics.log('network', 'info', `The page slept for ${Math.round(late / 1000)} s: refreshing now`)
      this.refreshNow()
    })
  }

  stop(): void {
    this.tick.cancel()
    this.trailing.cancel()
  }

  /** Returns false when nothing changed. `monitoring`: whether a refresh may follow. */
  setOnline(online: boolean, monitoring: boolean): boolean {
    if (online === this.online) return false
    this.online = online
    this.diagnostics.log('network', online ? 'info' : 'warn', online ? 'Browser is back online: refreshing' : 'Browser is offline: requests paused')
    if (!monitoring) return true
    if (online) this.requestRefresh()
    else this.hooks.offline()
    return true
  }

  setVisible(visible: boolean, monitoring: boolean): boolean {
    if (visible === this.visible) return false
    this.visible = visible
    this.diagnostics.log('network', 'info', visible ? 'Tab visible again: refreshing' : 'Tab hidden')
    if (visible && monitoring && this.online) this.requestRefresh()
    return true
  }

  private requestRefresh(): void {
    const sinceLast = this.lastRefreshAt === null ? Infinity : this.clock.monotonic() - this.lastRefreshAt
    if (sinceLast >= REFRESH_GAP_MS) return this.refreshNow()
    if (!this.trailing.pending) this.trailing.schedule(REFRESH_GAP_MS - sinceLast, () => this.refreshNow())
  }

  private refreshNow(): void {
    this.trailing.cancel()
    this.lastRefreshAt = this.clock.monotonic()
    this.hooks.refresh()
  }
}
