/**
 * The polling transport's commands: `start` runs the steady loop, `refresh` asks once, `pause`
 * ends the loop but keeps refreshes, `stop` is final. The machine relies on each: a paused loop
 * must not come back with the next answer, and nothing may be sent or reported after a stop.
 */
import { describe, expect, it } from 'vitest'
import { pollBody } from '../support/channel'
import { pollerOnFakes } from '../support/poller'

const DATE = { Date: 'Wed, 25 Nov 2026 12:00:10 GMT' }

describe('polling: refresh, start and pause', () => {
  it('answers a refresh with one request, and its answer schedules no next poll', async () => {
    const { poller, http, clock, statuses } = pollerOnFakes()
    poller.refresh()
    await http.last.respond({ status: 200, body: pollBody('pending') })
    expect(statuses).toHaveLength(1)
    clock.advance(60_000)
    expect(http.requests).toHaveLength(1)
    expect(poller.nextAt).toBeNull()
  })

  it('keeps a loop already on its schedule when started again', async () => {
    const { poller, http, clock } = pollerOnFakes()
    poller.start()
    await http.last.respond({ status: 200, body: pollBody('pending') })
    clock.advance(2000)
    poller.start()
    expect(http.requests).toHaveLength(1)
    clock.advance(2999)
    expect(http.requests).toHaveLength(1)
    clock.advance(1)
    expect(http.requests).toHaveLength(2)
  })

  it('ends the loop on pause: the answer already on its way is delivered, and no poll follows it', async () => {
    const { poller, http, clock, statuses } = pollerOnFakes()
    poller.start()
    poller.pause()
    await http.last.respond({ status: 200, body: pollBody('confirming') })
    expect(statuses.map((s) => s.status.code)).toEqual(['confirming'])
    clock.advance(60_000)
    expect(http.requests).toHaveLength(1)
  })

  it('still answers a refresh once paused, without starting the loop again', async () => {
    const { poller, http, clock } = pollerOnFakes()
    poller.start()
    await http.last.respond({ status: 200, body: pollBody('pending') })
    poller.pause()
    clock.advance(60_000)
    expect(http.requests).toHaveLength(1)
    poller.refresh()
    expect(http.requests).toHaveLength(2)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    clock.advance(60_000)
    expect(http.requests).toHaveLength(2)
  })
})

describe('polling: stop is final', () => {
  it('sends nothing after a stop, whatever is asked of it, and leaves no timer', async () => {
    const { poller, http, clock } = pollerOnFakes()
    poller.start()
    await http.last.respond({ status: 200, body: pollBody('pending') })
    poller.stop()
    poller.pause()
    poller.refresh()
    poller.start()
    poller.refresh()
    clock.advance(60_000)
    expect(http.requests).toHaveLength(1)
    expect(clock.pendingTimers).toBe(0)
  })

  it('reports nothing of the request it aborted: no failure, no status', async () => {
    const { poller, http, clock, statuses, failures, succeeded, entries } = pollerOnFakes()
    poller.start()
    poller.stop()
    expect(http.last.signal?.aborted).toBe(true)
    clock.advance(60_000)
    expect(failures).toEqual([])
    expect(statuses).toEqual([])
    expect(succeeded()).toBe(0)
    expect(entries).toEqual([])
    expect(clock.pendingTimers).toBe(0)
  })

  it('ignores an answer that arrives after the stop (a handed-over request answers whatever the abort)', async () => {
    const { poller, http, clock, statuses, failures, serverTimes, succeeded } = pollerOnFakes({
      // The fake answers an aborted request as a response already received would.
      fetch: (fake) => (url, init) => fake(url, { ...init, signal: undefined }),
    })
    poller.start()
    poller.stop()
    await http.last.respond({ status: 200, body: pollBody('completed'), headers: DATE })
    clock.advance(60_000)
    expect(statuses).toEqual([])
    expect(serverTimes).toEqual([])
    expect(failures).toEqual([])
    expect(succeeded()).toBe(0)
    expect(http.requests).toHaveLength(1)
  })

  it('ignores a "channel not found" that arrives after the stop', async () => {
    const { poller, http, notFound, failures } = pollerOnFakes({ fetch: (fake) => (url, init) => fake(url, { ...init, signal: undefined }) })
    poller.refresh()
    poller.stop()
    await http.last.respond({ status: 404, body: { success: false, error: 'Payment channel not found' } })
    expect(notFound()).toBe(0)
    expect(failures).toEqual([])
  })
})
