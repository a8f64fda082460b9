/**
 * Exponential backoff with full jitter: the n-th delay is uniform in [floor, min(max, base·2ⁿ)].
 * Full jitter spreads a crowd of clients that lost the server at the same moment, so a restart is
 * not followed by a reconnect storm at fixed delays.
 */
export interface BackoffOptions {
  /** First delay's upper bound. @default 2000 */
  baseMs: number
  /** Upper bound of every delay. @default 60000 */
  maxMs: number
  /** Lower bound of every delay, so a retry is never immediate. @default 0 */
  floorMs?: number
  /** Uniform [0, 1). @default Math.random */
  random?: () => number
}

export class Backoff {
  private failures = 0
  private readonly random: () => number

  constructor(private readonly options: BackoffOptions) {
    this.random = options.random ?? Math.random
  }

  /**
   * The delay before the next try; each call counts one more failure. `limitMs` lowers this one
   * delay's ceiling (the jitter still spreads below it), not the growth of the next ones.
   */
  next(limitMs = Infinity): number {
    const ceiling = Math.min(this.options.maxMs, this.options.baseMs * 2 ** this.failures, limitMs)
    this.failures = Math.min(this.failures + 1, 30)
    const floor = Math.min(this.options.floorMs ?? 0, ceiling)
    return Math.round(floor + this.random() * (ceiling - floor))
  }

  reset(): void {
    this.failures = 0
  }

  get attempts(): number {
    return this.failures
  }
}
