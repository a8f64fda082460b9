import { describe, expect, it } from 'vitest'
import { Backoff } from '../../src/core/backoff'

describe('Backoff (exponential, full jitter)', () => {
  it('doubles the ceiling up to the cap', () => {
    const backoff = new Backoff({ baseMs: 2000, maxMs: 60000, random: () => 0.999999 })
    const delays = Array.from({ length: 8 }, () => backoff.next())
    expect(delays).toEqual([2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000])
  })

  it('spreads delays uniformly between floor and ceiling', () => {
    const low = new Backoff({ baseMs: 2000, maxMs: 60000, floorMs: 500, random: () => 0 })
    expect(low.next()).toBe(500)
    const mid = new Backoff({ baseMs: 2000, maxMs: 60000, floorMs: 500, random: () => 0.5 })
    expect(mid.next()).toBe(1250)
  })

  it('lowers one delay\'s ceiling to a limit, jitter below it, without holding back the growth', () => {
    const backoff = new Backoff({ baseMs: 2000, maxMs: 60000, floorMs: 500, random: () => 0.5 })
    expect([backoff.next(), backoff.next(1000), backoff.next(3000)]).toEqual([1250, 750, 1750])
    expect(backoff.next()).toBe(8250) // the fourth failure's ceiling, 16 s, as if no limit had been given
  })

  it('starts over after reset', () => {
    const backoff = new Backoff({ baseMs: 1000, maxMs: 8000, random: () => 0.999999 })
    backoff.next()
    backoff.next()
    expect(backoff.attempts).toBe(2)
    backoff.reset()
    expect(backoff.attempts).toBe(0)
    expect(backoff.next()).toBe(1000)
  })

  it('gives a crowd of clients different delays (no reconnect storm at fixed times)', () => {
    let seed = 42
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646
    const delays = new Set(Array.from({ length: 100 }, () => new Backoff({ baseMs: 2000, maxMs: 60000, random }).next()))
    expect(delays.size).toBeGreaterThan(90)
  })
})
