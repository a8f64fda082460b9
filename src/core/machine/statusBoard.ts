/**
 * The status on screen and what is known about the server's clock. Every incoming status goes
 * through the merge rule here; the board says whether it was applied and whether it is final.
 */
import type { Clock } from '../clock'
import type { DiagnosticsSink } from '../eventLog'
import { mergeStatus, type CurrentStatus, type IncomingMeta } from '../protocol/merge'
import { ServerClockEstimate } from '../serverClock'
import { isTerminal, type PaymentStatus } from '../protocol/status'

export class StatusBoard {
  private current: CurrentStatus | null = null
  /** Wall clock (epoch ms) of the last applied update, for display. */
  private lastUpdateAtWall: number | null = null
  private readonly serverClock = new ServerClockEstimate()

  constructor(
    private readonly clock: Clock,
    private readonly diagnostics: DiagnosticsSink,
  ) {}

  get status(): PaymentStatus | null {
    return this.current?.status ?? null
  }

  get lastUpdateAt(): number | null {
    return this.lastUpdateAtWall
  }

  /** Server clock minus browser clock, estimated from the server's own times; null before any. */
  get serverClockOffsetMs(): number | null {
    return this.serverClock.offsetMs
  }

  /** The server's clock now, as estimated (epoch ms); the device's while nothing is known. */
  serverNow(): number {
    return this.clock.now() + (this.serverClock.offsetMs ?? 0)
  }

  /** The payment reached completed, failed or expired: nothing changes it any more. */
  get isFinal(): boolean {
    return this.current !== null && isTerminal(this.current.status.code)
  }

  /** A new channel: nothing known yet (the clock offset stays, it is the same server). */
  clear(): void {
    this.current = null
    this.lastUpdateAtWall = null
  }

  /** A time the server stated (a frame's `timestamp`, a poll's `Date`): one reading of its clock. */
  noteServerTime(ms: number): void {
    this.serverClock.addReading(ms, this.clock.now())
  }

  /** Applies `status` if the merge rule lets it; true if it was applied. */
  apply(status: PaymentStatus, meta: IncomingMeta): boolean {
    this.noteServerTimeRange(status, meta)
    const decision = mergeStatus(this.current, status, meta, this.serverClock.offsetMs ?? 0)
    if (!decision.apply) {
      this.diagnostics.log('status', 'info', `Discarded ${status.source} ${status.code}: ${decision.reason}`)
      return false
    }
    const previous = this.current?.status
    this.current = { status: decision.status, appliedAt: this.clock.monotonic(), socketAttemptId: meta.socketAttemptId }
    this.lastUpdateAtWall = this.clock.now()
    if (previous?.code !== status.code || previous.confirmations !== decision.status.confirmations) {
      const confirmations = status.code === 'confirming' && status.confirmations !== null ? ` ${status.confirmations}/${status.confirmationsRequired ?? '?'}` : ''
      this.diagnostics.log('status', 'info', `Status ${previous?.code ?? 'none'} → ${status.code}${confirmations} (via ${status.source})`)
    }
    return true
  }

  /**
   * A poll's answer pins the server's time within a minute, whether or not the merge applies it.
   * The server answered somewhere between sending and now: widen the upper end by the round trip.
   */
  private noteServerTimeRange(status: PaymentStatus, meta: IncomingMeta): void {
    const range = status.serverTimeRange
    if (range === null) return
    const roundTrip = meta.requestStartedAt === null ? 0 : Math.max(0, this.clock.monotonic() - meta.requestStartedAt)
    this.serverClock.addRange(range.earliest, range.latest === null ? null : range.latest + roundTrip, this.clock.now())
  }
}
