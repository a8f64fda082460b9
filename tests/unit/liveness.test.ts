// The liveness rules of an open socket, on the fake clock (src/core/transports/liveness.ts): when
// to ping, when an unanswered ping means dead, and when a missing status is overdue or mute. The
// socket transport's own tests cover the same rules with the production settings; these use
// settings where the timers do not mask each other, so each deadline is seen on its own.
import { describe, expect, it } from 'vitest'
import { Liveness, type LivenessOptions } from '../../src/core/transports/liveness'
import { FakeClock } from '../support/clock'

function setup(overrides: Partial<Omit<LivenessOptions, 'clock'>> = {}) {
  const clock = new FakeClock()
  const calls: string[] = []
  const liveness = new Liveness(
    { clock, quietMs: 15000, answerMs: 5000, overdueMs: 15000, muteMs: 25000, ...overrides },
    {
      ping: () => {
        calls.push(`ping@${clock.monotonic()}`)
        return true
      },
      answered: (ms) => calls.push(`answered ${ms}@${clock.monotonic()}`),
      dead: (waited) => calls.push(`dead ${waited}@${clock.monotonic()}`),
      overdue: (silent) => calls.push(`overdue ${silent}@${clock.monotonic()}`),
      mute: (silent) => calls.push(`mute ${silent}@${clock.monotonic()}`),
    },
  )
  return { clock, calls, liveness }
}

describe('socket liveness', () => {
  it('pings a quiet socket again a full quiet period after the last ping was answered', () => {
    const { clock, calls, liveness } = setup()
    liveness.start()
    clock.advance(15000)
    clock.advance(42)
    liveness.frame()
    clock.advance(14999)
    expect(calls).toEqual(['ping@15000', 'answered 42@15042'])
    clock.advance(1)
    clock.advance(5000)
    expect(calls).toEqual(['ping@15000', 'answered 42@15042', 'ping@30042', 'dead 5000@35042'])
  })

  it('counts the quiet period from the last frame, not from the start', () => {
    const { clock, calls, liveness } = setup()
    liveness.start()
    clock.advance(5000)
    liveness.frame()
    clock.advance(14999)
    expect(calls).toEqual([])
    clock.advance(1)
    expect(calls).toEqual(['ping@20000'])
  })

  it('a check while a ping is pending keeps the ping’s deadline: dead exactly answerMs after the ping', () => {
    const { clock, calls, liveness } = setup()
    liveness.start()
    clock.advance(15000)
    clock.advance(1000)
    liveness.check() // e.g. the tab became visible again
    expect(calls).toEqual(['ping@15000'])
    clock.advance(3999)
    expect(calls).toEqual(['ping@15000'])
    clock.advance(1)
    expect(calls).toEqual(['ping@15000', 'dead 5000@20000'])
  })

  it('reports a status overdue once, overdueMs after the last status, and mute at muteMs, whatever the ping cadence', () => {
    // Quiet period longer than the status deadlines: no frame-timer check comes in between.
    const { clock, calls, liveness } = setup({ quietMs: 60000, answerMs: 5000, overdueMs: 10000, muteMs: 20000 })
    liveness.start()
    liveness.status()
    clock.advance(9999)
    expect(calls).toEqual([])
    clock.advance(1)
    expect(calls).toEqual(['overdue 10000@10000'])
    clock.advance(9999)
    expect(calls).toEqual(['overdue 10000@10000'])
    clock.advance(1)
    expect(calls).toEqual(['overdue 10000@10000', 'mute 20000@20000'])
  })

  it('a check before the status is overdue does not push the overdue deadline back', () => {
    const { clock, calls, liveness } = setup({ quietMs: 60000, answerMs: 5000, overdueMs: 10000, muteMs: 20000 })
    liveness.start()
    liveness.status()
    clock.advance(5000)
    liveness.check()
    clock.advance(4999)
    expect(calls).toEqual([])
    clock.advance(1)
    expect(calls).toEqual(['overdue 10000@10000'])
  })

  it('reports overdue only once per silence, however often it is checked, and again after a new status', () => {
    const { clock, calls, liveness } = setup({ quietMs: 60000, answerMs: 5000, overdueMs: 10000, muteMs: 20000 })
    liveness.start()
    liveness.status()
    clock.advance(10000)
    clock.advance(2000)
    liveness.check()
    clock.advance(2000)
    liveness.check()
    expect(calls.filter((c) => c.startsWith('overdue'))).toEqual(['overdue 10000@10000'])
    liveness.status()
    clock.advance(10000)
    expect(calls.filter((c) => c.startsWith('overdue'))).toEqual(['overdue 10000@10000', 'overdue 10000@24000'])
  })
})
