import { describe, expect, it } from 'vitest'
import type { DiagnosticsSink } from '../../src/core/eventLog'
import { PageWatch } from '../../src/core/machine/pageWatch'
import { FakeClock } from '../support/clock'

function watch() {
  const clock = new FakeClock()
  const log: string[] = []
  const calls: string[] = []
  const diagnostics: DiagnosticsSink = { log: (kind, level, message) => log.push(`${kind}/${level}: ${message}`), count: () => undefined }
  const page = new PageWatch(clock, diagnostics, { refresh: () => calls.push('refresh'), offline: () => calls.push('offline') })
  return { clock, log, calls, page }
}

describe('the page watch (online, visible, awake)', () => {
  it('starts online and visible: repeating what it knows changes nothing and asks nothing', () => {
    const { page, log, calls } = watch()
    expect(page.setOnline(true, true)).toBe(false)
    expect(page.setVisible(true, true)).toBe(false)
    expect(log).toEqual([])
    expect(calls).toEqual([])
  })

  it('going offline pauses requests; coming back refreshes once; each says so in the log', () => {
    const { page, log, calls } = watch()
    expect(page.setOnline(false, true)).toBe(true)
    expect(page.setOnline(false, true)).toBe(false)
    expect(calls).toEqual(['offline'])
    expect(page.setOnline(true, true)).toBe(true)
    expect(calls).toEqual(['offline', 'refresh'])
    expect(log).toEqual(['network/warn: Browser is offline: requests paused', 'network/info: Browser is back online: refreshing'])
  })

  it('while not monitoring: remembers connectivity and visibility but asks for nothing', () => {
    const { page, calls } = watch()
    expect(page.setOnline(false, false)).toBe(true)
    expect(page.online).toBe(false)
    expect(page.setOnline(true, false)).toBe(true)
    expect(page.setVisible(false, false)).toBe(true)
    expect(page.setVisible(true, false)).toBe(true)
    expect(page.visible).toBe(true)
    expect(calls).toEqual([])
  })

  it('a tab shown again refreshes (only when online); hiding it does not', () => {
    const { page, log, calls } = watch()
    expect(page.setVisible(false, true)).toBe(true)
    expect(page.setVisible(false, true)).toBe(false)
    expect(calls).toEqual([])
    expect(page.setVisible(true, true)).toBe(true)
    expect(calls).toEqual(['refresh'])
    expect(log).toEqual(['network/info: Tab hidden', 'network/info: Tab visible again: refreshing'])
  })

  it('coalesces refreshes: at most one per 2 s, one trailing refresh at the end of the gap', () => {
    const { page, clock, calls } = watch()
    clock.advance(7000) // the gap counts from the last refresh, wherever the clock stands
    page.setVisible(false, true)
    page.setVisible(true, true)
    expect(calls).toHaveLength(1)
    clock.advance(500)
    page.setVisible(false, true)
    page.setVisible(true, true)
    clock.advance(500)
    page.setVisible(false, true)
    page.setVisible(true, true)
    expect(calls).toHaveLength(1)
    clock.advance(999) // the trailing refresh is due 2 s after the first one, not 2 s after the last event
    expect(calls).toHaveLength(1)
    clock.advance(1)
    expect(calls).toHaveLength(2)
    clock.advance(10000)
    expect(calls).toHaveLength(2)
    page.setVisible(false, true)
    page.setVisible(true, true)
    expect(calls).toHaveLength(3)
  })

  it('takes a tick more than 5 s late for sleep and refreshes; 5 s late is not sleep', () => {
    const { page, clock, calls, log } = watch()
    page.start()
    clock.advance(1000)
    clock.jump(9000) // the tick due at 5 s fires 5 s late
    clock.advance(0)
    expect(calls).toEqual([])
    clock.advance(1000)
    clock.jump(9001)
    clock.advance(0)
    expect(calls).toEqual(['refresh'])
    expect(log).toEqual(['network/info: The page slept for 5 s: refreshing now'])
  })

  it('trusts the wall clock when the monotonic clock stood still during sleep', () => {
    const { page, clock, calls, log } = watch()
    page.start()
    clock.setWall(clock.now() + 600_000)
    clock.advance(5000)
    expect(calls).toEqual(['refresh'])
    expect(log).toEqual(['network/info: The page slept for 600 s: refreshing now'])
  })

  it('stops watching on stop: no tick, no trailing refresh', () => {
    const { page, clock, calls } = watch()
    page.start()
    page.setVisible(false, true)
    page.setVisible(true, true)
    page.setVisible(false, true)
    page.setVisible(true, true)
    page.stop()
    clock.jump(60000)
    clock.advance(60000)
    expect(calls).toEqual(['refresh'])
  })
})
