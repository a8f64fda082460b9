import { describe, expect, it } from 'vitest'
import { answeredWithin } from '../../src/core/protocol/status'
import { ServerClockEstimate } from '../../src/core/serverClock'

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
/** True time at the start of each scenario; the server's clock is right. */
const T0 = Date.UTC(2026, 10, 25, 12, 0, 0)
/** The payment expires 24 h later, at an odd millisecond so the minute floor is not aligned. */
const EXPIRES_AT = T0 + 24 * HOUR + 17_345

/** A device whose wall clock is `skew` ms off (negative: slow), and a server that is right. */
function scenario(skew: number) {
  const estimate = new ServerClockEstimate()
  let trueNow = T0
  return {
    estimate,
    /** How far the estimate is from the truth (ms). */
    error: () => (estimate.offsetMs ?? 0) - -skew,
    pass(ms: number) {
      trueNow += ms
    },
    /** A frame stamped now, arriving `delayMs` later. */
    frame(delayMs = 80, stamp = trueNow) {
      estimate.addReading(stamp, trueNow + delayMs + skew)
    },
    /** A poll answered now, arriving `delayMs` later: the server's `timeLeft` against `expiresAt`. */
    poll(delayMs = 120) {
      const timeLeft = Math.max(0, Math.floor((EXPIRES_AT - trueNow) / MINUTE))
      const range = answeredWithin({ timeLeft, expiresAt: new Date(EXPIRES_AT).toISOString() })
      if (range === null) throw new Error('no range')
      estimate.addRange(range.earliest, range.latest === null ? null : range.latest + delayMs, trueNow + delayMs + skew)
    },
  }
}

describe('the server clock estimate', () => {
  it('knows nothing before the server said anything about its time', () => {
    expect(new ServerClockEstimate().offsetMs).toBeNull()
  })

  for (const skew of [-10 * MINUTE, 10 * MINUTE, -3 * HOUR, 3 * HOUR]) {
    const name = `${Math.abs(skew) / MINUTE} min ${skew < 0 ? 'slow' : 'fast'}`
    it(`finds the server's clock on a device ${name}, from frames`, () => {
      const s = scenario(skew)
      for (let i = 0; i < 12; i++) {
        s.frame()
        s.pass(10 * SECOND)
      }
      expect(Math.abs(s.error())).toBeLessThan(SECOND)
    })

    it(`finds the server's clock on a device ${name}, from polls alone (no readable Date header)`, () => {
      const s = scenario(skew)
      s.poll()
      // One answer pins the server's time within its minute; the middle is at most 30 s off.
      expect(Math.abs(s.error())).toBeLessThanOrEqual(30 * SECOND + 120)
      for (let i = 0; i < 12; i++) {
        s.pass(5 * SECOND)
        s.poll()
      }
      // A minute of polls every 5 s lands on every part of the minute: within one poll period.
      expect(Math.abs(s.error())).toBeLessThanOrEqual(5 * SECOND)
    })
  }

  it('is not moved by one frame from 2099, whenever it comes', () => {
    const late = scenario(-10 * MINUTE)
    for (let i = 0; i < 5; i++) late.frame()
    late.frame(80, Date.UTC(2099, 0, 1))
    expect(Math.abs(late.error())).toBeLessThan(SECOND)

    // Right after the first good reading: of two, the one nearer the estimate so far.
    const second = scenario(-10 * MINUTE)
    second.frame()
    second.frame(80, Date.UTC(2099, 0, 1))
    expect(Math.abs(second.error())).toBeLessThan(SECOND)

    // First of all, but after a poll: the poll's minute rules it out.
    const first = scenario(3 * HOUR)
    first.poll()
    first.frame(80, Date.UTC(2099, 0, 1))
    first.frame()
    expect(Math.abs(first.error())).toBeLessThan(SECOND)
  })

  it('does not care in which order the readings arrive, nor whether a stamp is older than the last', () => {
    const offsets = [600_100, 599_900, 600_050, 1_000_000_000, 600_000, 599_950, -5_000_000]
    const results = new Set<number | null>()
    for (const order of [offsets, [...offsets].reverse(), [2, 5, 0, 6, 1, 3, 4].map((i) => offsets[i]!)]) {
      const estimate = new ServerClockEstimate()
      for (const offset of order) estimate.addReading(T0 + offset, T0)
      results.add(estimate.offsetMs)
    }
    expect([...results]).toEqual([600_000])
    // A frame stamped before the previous one (sent earlier, delivered later) still counts.
    const estimate = new ServerClockEstimate()
    estimate.addReading(T0 + 10 * SECOND, T0)
    estimate.addReading(T0 + 5 * SECOND, T0 + 1)
    estimate.addReading(T0 + 6 * SECOND, T0 + 2)
    expect(estimate.offsetMs).toBe(6 * SECOND - 2)
  })

  it("keeps the frames' median inside the minute the poll allows", () => {
    const s = scenario(10 * MINUTE)
    s.poll()
    // Two frames that disagree with the poll's minute (2 min behind) do not count...
    for (let i = 0; i < 2; i++) s.frame(80, T0 - 2 * MINUTE)
    expect(Math.abs(s.error())).toBeLessThanOrEqual(30 * SECOND + 120)
    // ...one that agrees does.
    s.frame()
    expect(Math.abs(s.error())).toBeLessThan(SECOND)
    // Frames just outside the minute (the Date header's rounding, a slow network) are pulled in.
    const t = scenario(10 * MINUTE)
    t.poll(0)
    const range = answeredWithin({ timeLeft: 1440, expiresAt: new Date(EXPIRES_AT).toISOString() })!
    t.estimate.addReading(range.latest! + 2 * SECOND, T0 + 10 * MINUTE)
    expect(t.estimate.offsetMs).toBe(range.latest! - (T0 + 10 * MINUTE))
  })

  it('treats timeLeft 0 as a lower bound only (the server never says less than 0)', () => {
    expect(answeredWithin({ timeLeft: 0, expiresAt: new Date(EXPIRES_AT).toISOString() })).toEqual({ earliest: EXPIRES_AT - MINUTE, latest: null })
    expect(answeredWithin({ timeLeft: 3, expiresAt: new Date(EXPIRES_AT).toISOString() })).toEqual({ earliest: EXPIRES_AT - 4 * MINUTE, latest: EXPIRES_AT - 3 * MINUTE })
    for (const timeLeft of [undefined, -1, 2.5, Number.NaN]) expect(answeredWithin({ timeLeft, expiresAt: new Date(EXPIRES_AT).toISOString() })).toBeNull()
    expect(answeredWithin({ timeLeft: 5 })).toBeNull()
    // A device 2 h slow, past expiry by the server: the estimate moves at least up to the bound.
    const estimate = new ServerClockEstimate()
    estimate.addRange(EXPIRES_AT - MINUTE, null, EXPIRES_AT - 2 * HOUR)
    expect(estimate.offsetMs).toBe(2 * HOUR - MINUTE)
  })

  it('follows a device clock set by hand mid-payment', () => {
    const estimate = new ServerClockEstimate()
    // 10 min slow: a poll and three frames.
    estimate.addRange(T0 - MINUTE, T0, T0 - 10 * MINUTE)
    for (let i = 0; i < 3; i++) estimate.addReading(T0 + i * SECOND, T0 + i * SECOND - 10 * MINUTE)
    expect(estimate.offsetMs).toBe(10 * MINUTE)
    // The payer sets the clock right. Frames outvote the old poll's minute and the old readings.
    const later = T0 + MINUTE
    for (let i = 0; i < 4; i++) estimate.addReading(later + i * 10 * SECOND, later + i * 10 * SECOND)
    expect(estimate.offsetMs).toBe(0)
    // And a newer poll wins over an older one that disagrees with it.
    const polled = new ServerClockEstimate()
    polled.addRange(T0 - MINUTE, T0, T0 - 10 * MINUTE)
    polled.addRange(T0 - MINUTE, T0, T0)
    expect(polled.offsetMs).toBe(-30 * SECOND)
  })

  it('ignores readings and ranges that are not times at all', () => {
    const estimate = new ServerClockEstimate()
    estimate.addReading(Number.NaN, T0)
    estimate.addReading(T0, Number.POSITIVE_INFINITY)
    estimate.addRange(T0, T0 - 1, T0)
    estimate.addRange(Number.NaN, null, T0)
    expect(estimate.offsetMs).toBeNull()
  })
})
