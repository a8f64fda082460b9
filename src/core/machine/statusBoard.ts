/**
 * The status on screen and what is known about the server's clock. Every incoming status goes
 * through the merge rule here; the board says whether it was applied and whether it is final.
 */
import type { Clock } from '../clock'
import type { DiagnosticsSink } from '../eventLog'
import { isPlausibleServerTime, mergeStatus, type CurrentStatus, type IncomingMeta } from '../protocol/merge'
import { isTerminal, type PaymentStatus } from '../protocol/status'

export class StatusBoard {
  private current: CurrentStatus | null = null
  /** Wall clock (epoch ms) of the last applied update, for display. */
  private lastUpdateAtWall: number | null = null
  private serverClockOffset: number | null = null

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

  /** Server clock minus browser clock, from plausible timestamps only. */
  get serverClockOffsetMs(): number | null {
    return this.serverClockOffset
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

  /** A timestamp more than 5 minutes off is not believed: it must not move the countdown. */
  noteServerTime(ms: number): void {
    const now = this.clock.now()
    if (isPlausibleServerTime(ms, now)) this.serverClockOffset = ms - now
  }

  /** Applies `status` if the merge rule lets it; true if it was applied. */
  apply(status: PaymentStatus, meta: IncomingMeta): boolean {
    const decision = mergeStatus(this.current, status, meta)
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
}
