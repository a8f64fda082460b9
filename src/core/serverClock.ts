/**
 * Where the server's clock stands against this device's: phones run minutes, even hours, off (a
 * time set by hand), and the payment expires by the server's clock. The estimate is built from the
 * server's own times only, and one wrong time (a frame stamped 2099) cannot move it.
 *
 * Two kinds of evidence, both kept as offsets (server time minus device wall time at arrival):
 * - a *reading*: a time the server stated (a frame's `timestamp`, a poll's `Date` header);
 * - a *range*: what the server's time must have been for its answer to say what it said (a poll's
 *   `timeLeft`: whole minutes to `expiresAt`, floored, pins the server's time within a minute).
 * The estimate is the median of the recent readings that agree with the ranges, kept inside the
 * ranges; with no reading, the middle of the ranges.
 *
 * Offsets are kept against the wall clock, not the monotonic one: a sleeping phone's monotonic
 * clock may stop, its wall clock does not. A wall clock set by hand mid-payment is outvoted by
 * the readings that follow, and an older range that disagrees with a newer one is dropped.
 */

export interface ServerClockOptions {
  /**
   * How many recent readings the median is taken over. More outvotes more wrong times; fewer
   * follows a device clock set by hand sooner (frames come every 10 s).
   * @default 9
   */
  readings?: number
  /**
   * How many recent ranges are intersected. Each narrows the estimate (a poll every 5 s lands at
   * another point of the minute), and each may be stale after the device clock was set.
   * @default 12
   */
  ranges?: number
  /**
   * How far a reading may lie outside the ranges and still count: network delay, and the `Date`
   * header's whole seconds. Raise it for a server whose socket and REST clocks differ.
   * @default 5000
   */
  toleranceMs?: number
}

/** Offsets (server minus device wall, ms) the server's time must lie between. */
interface OffsetRange {
  low: number
  high: number
  /** Arrival order among all evidence. */
  seq: number
}

interface Reading {
  offset: number
  seq: number
}

/**
 * How many of the newest readings must all disagree with the ranges, and all be newer than them,
 * before the ranges count as stale (the device clock was set since): more than one, so a single
 * wrong timestamp can never do it.
 */
const READINGS_THAT_OVERRULE_RANGES = 3

export class ServerClockEstimate {
  private readonly readings: Reading[] = []
  private ranges: OffsetRange[] = []
  private estimate: number | null = null
  private seq = 0
  private readonly maxReadings: number
  private readonly maxRanges: number
  private readonly toleranceMs: number

  /** @example const clock = new ServerClockEstimate(); clock.addReading(Date.parse(frame.timestamp), Date.now()) */
  constructor(options: ServerClockOptions = {}) {
    this.maxReadings = options.readings ?? 9
    this.maxRanges = options.ranges ?? 12
    this.toleranceMs = options.toleranceMs ?? 5000
  }

  /** Server time minus device wall time, ms; null until the server has said anything about its time. */
  get offsetMs(): number | null {
    return this.estimate
  }

  /** The server said its time was `serverTime` when the device's wall clock read `deviceNow`. */
  addReading(serverTime: number, deviceNow: number): void {
    if (!Number.isFinite(serverTime) || !Number.isFinite(deviceNow)) return
    this.readings.push({ offset: serverTime - deviceNow, seq: this.seq++ })
    if (this.readings.length > this.maxReadings) this.readings.shift()
    this.recompute()
  }

  /**
   * The server's time lay between `earliest` and `latest` (null: no upper bound) when the device's
   * wall clock read `deviceNow`.
   */
  addRange(earliest: number, latest: number | null, deviceNow: number): void {
    const high = latest === null ? Number.POSITIVE_INFINITY : latest - deviceNow
    const low = earliest - deviceNow
    if (!Number.isFinite(low) || Number.isNaN(high) || low > high) return
    this.ranges.push({ low, high, seq: this.seq++ })
    if (this.ranges.length > this.maxRanges) this.ranges.shift()
    this.recompute()
  }

  private recompute(): void {
    let range = agreedRange(this.ranges)
    if (range && this.rangesOverruled(range)) {
      this.ranges = []
      range = null
    }
    const credible = range ? this.readings.filter((r) => this.agrees(r.offset, range)) : this.readings
    let value: number
    if (credible.length > 0) value = median(credible.map((r) => r.offset), this.estimate)
    else if (range) value = Number.isFinite(range.high) ? (range.low + range.high) / 2 : (this.estimate ?? 0)
    else return
    this.estimate = range ? Math.min(Math.max(value, range.low), range.high) : value
  }

  private agrees(offset: number, range: { low: number; high: number }): boolean {
    return offset >= range.low - this.toleranceMs && offset <= range.high + this.toleranceMs
  }

  /** The newest few readings all came after every range and all disagree with them. */
  private rangesOverruled(range: { low: number; high: number }): boolean {
    const newest = this.readings.slice(-READINGS_THAT_OVERRULE_RANGES)
    const lastRange = this.ranges.at(-1)?.seq ?? -1
    return newest.length === READINGS_THAT_OVERRULE_RANGES && newest.every((r) => r.seq > lastRange && !this.agrees(r.offset, range))
  }
}

/**
 * The intersection of the ranges, newest first; an older range that would leave nothing is
 * skipped (taken before the device clock was set, or wrong).
 */
function agreedRange(ranges: readonly OffsetRange[]): { low: number; high: number } | null {
  let agreed: { low: number; high: number } | null = null
  for (let i = ranges.length - 1; i >= 0; i--) {
    const range = ranges[i]!
    if (agreed === null) {
      agreed = { low: range.low, high: range.high }
      continue
    }
    const low = Math.max(agreed.low, range.low)
    const high = Math.min(agreed.high, range.high)
    if (low <= high) agreed = { low, high }
  }
  return agreed
}

/**
 * The middle value. Of an even count's two middle values, the one nearer the previous estimate,
 * so that one wrong time arriving after a good one cannot drag the estimate halfway to it.
 */
function median(values: readonly number[], previous: number | null): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  const upper = sorted[mid]!
  if (sorted.length % 2 === 1) return upper
  const lower = sorted[mid - 1]!
  if (previous === null) return (lower + upper) / 2
  return Math.abs(lower - previous) <= Math.abs(upper - previous) ? lower : upper
}

/**
 * A moment read on this device's wall clock, moved to the server's clock: what the countdown
 * counts from and what a receipt prints. Unchanged while the offset is unknown (null).
 * @example const left = expiresAt - onServerClock(Date.now(), snapshot.serverClockOffsetMs)
 */
export function onServerClock(deviceTime: number, offsetMs: number | null): number {
  return deviceTime + (offsetMs ?? 0)
}
