import { describe, expect, it } from 'vitest'
import { CHANNEL_ID, pollBody } from '../support/channel'
import { createTestMonitor } from '../support/monitor'

const BUSY = { status: 503, body: '<html>busy</html>', headers: { 'Content-Type': 'text/html', 'Retry-After': '1' } }

/** Polling with the socket refused, the first poll still waiting. */
function pollingOnly(random: () => number) {
  const setup = createTestMonitor({ random })
  setup.monitor.start(CHANNEL_ID)
  setup.sockets.last.serverClose(1006)
  return setup
}

describe('failed polls', () => {
  it('back off from the poll interval, doubling up to a minute, with jitter', async () => {
    const top = pollingOnly(() => 1 - 1e-9)
    const delays: number[] = []
    for (let i = 0; i < 7; i++) {
      await top.http.lastPending.fail()
      delays.push(top.monitor.getSnapshot().nextPollAt! - top.clock.now())
      top.clock.advance(delays.at(-1)!)
    }
    expect(delays).toEqual([5000, 10000, 20000, 40000, 60000, 60000, 60000])
    const bottom = pollingOnly(() => 0)
    await bottom.http.lastPending.fail()
    await bottom.clock.advance(5000)
    await bottom.http.lastPending.fail()
    expect(bottom.monitor.getSnapshot().nextPollAt! - bottom.clock.now()).toBe(5000) // never below the interval
  })

  it('wait what Retry-After says (plus at most 10 %), capped at 5 minutes', async () => {
    const { monitor, http, clock } = pollingOnly(() => 1 - 1e-9)
    await http.lastPending.respond({ ...BUSY, headers: { 'Retry-After': '20' } })
    expect(monitor.getSnapshot().nextPollAt! - clock.now()).toBe(22000)
    clock.advance(22000)
    await http.lastPending.respond({ ...BUSY, headers: { 'Retry-After': '86400' } })
    expect(monitor.getSnapshot().nextPollAt! - clock.now()).toBe(330000)
  })

  it('three 503s with Retry-After: 1, then a good answer: the status is on screen in about 3 s', async () => {
    const { monitor, http, clock } = pollingOnly(() => 0.5)
    const started = clock.monotonic()
    for (let i = 0; i < 3; i++) {
      await http.lastPending.respond(BUSY)
      clock.advance(monitor.getSnapshot().nextPollAt! - clock.now())
    }
    await http.lastPending.respond({ status: 200, body: pollBody('pending') })
    expect(monitor.getSnapshot().status?.code).toBe('waiting_payment')
    expect(clock.monotonic() - started).toBeLessThanOrEqual(3300)
  })

  it('hold back every next request while a Retry-After runs, whatever asks', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor({ random: () => 0 })
    monitor.start(CHANNEL_ID)
    await http.last.respond({ ...BUSY, headers: { 'Retry-After': '20' } })
    sockets.last.serverClose(1006) // entering polling would ask HTTP now
    monitor.setOnline(false)
    monitor.setOnline(true) // so would coming back online
    monitor.retry() // and the Retry button
    expect(http.requests).toHaveLength(1)
    clock.advance(19999)
    expect(http.requests).toHaveLength(1)
    clock.advance(1)
    expect(http.requests).toHaveLength(2)
  })

  it('after three in a row with no socket: failed (unreachable), still polling; one success recovers', async () => {
    const { monitor, http, clock } = createTestMonitor({ random: () => 0 })
    monitor.start(CHANNEL_ID)
    await http.last.fail() // 1: the first fetch
    expect(monitor.getSnapshot().state).toBe('connecting')
    clock.advance(5000) // the socket's handshake times out
    expect(monitor.getSnapshot().state).toBe('polling')
    await http.lastPending.fail() // 2: entering polling
    clock.advance(monitor.getSnapshot().nextPollAt! - clock.now())
    await http.lastPending.fail() // 3
    expect(monitor.getSnapshot()).toMatchObject({ state: 'failed', failureReason: 'unreachable', transport: 'polling' })
    clock.advance(monitor.getSnapshot().nextPollAt! - clock.now())
    await http.lastPending.respond({ status: 200, body: pollBody('pending') })
    expect(monitor.getSnapshot()).toMatchObject({ state: 'polling', failureReason: null })
  })
})
