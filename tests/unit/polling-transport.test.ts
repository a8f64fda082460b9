import { describe, expect, it } from 'vitest'
import { MIN_REQUEST_GAP_MS, PollingTransport, REQUEST_TIMEOUT_MS, type PollingSink } from '../../src/core/transports/polling'
import type { FetchLike } from '../../src/core/transports/transport'
import { parseRetryAfter, retryAfterDelay } from '../../src/core/transports/retryAfter'
import { CHANNEL_ID, pollBody } from '../support/channel'
import { FakeClock } from '../support/clock'
import { flush } from '../support/fetch'
import { pollerOnFakes } from '../support/poller'

function setup(random = () => 0.5) {
  return pollerOnFakes({ random })
}

describe('polling transport', () => {
  it('GETs the status endpoint at once, then every interval', async () => {
    const { poller, http, clock, statuses } = setup()
    poller.start()
    expect(http.requests).toHaveLength(1)
    expect(http.last.url).toBe(`https://test.example/api/onboarding/payment/status/${CHANNEL_ID}`)
    await http.last.respond({ status: 200, body: pollBody('pending'), headers: { Date: 'Wed, 25 Nov 2026 12:00:00 GMT' } })
    expect(statuses[0]?.status.code).toBe('waiting_payment')
    clock.advance(4999)
    expect(http.requests).toHaveLength(1)
    clock.advance(1)
    expect(http.requests).toHaveLength(2)
  })

  it('polls at a fixed rate: no drift over 100 periods with answers that take 0.1 to 2 s', async () => {
    const { poller, http, clock, statuses } = setup()
    poller.start()
    for (let i = 0; i < 100; i++) {
      // Answer times spread over 0.1 to 2 s, in no order.
      const answerMs = 100 + ((i * 7919) % 1901)
      clock.advance(answerMs)
      await http.last.respond({ status: 200, body: pollBody('pending') })
      clock.advance(5000 - answerMs - 1)
      expect(http.requests).toHaveLength(i + 1)
      clock.advance(1) // exactly (i + 1) periods after the first poll
      expect(http.requests).toHaveLength(i + 2)
    }
    expect(statuses).toHaveLength(100)
    expect(clock.monotonic()).toBe(100 * 5000)
  })

  it('keeps the schedule when a timer fires late, and starts a new one after a sleep', async () => {
    const { poller, http, clock } = setup()
    poller.start()
    await http.last.respond({ status: 200, body: pollBody('pending') })
    clock.jump(5300) // a busy main thread: the poll due at 5000 goes out at 5300
    clock.advance(0)
    expect(http.requests).toHaveLength(2)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    clock.advance(4699)
    expect(http.requests).toHaveLength(2)
    clock.advance(1) // 10000: still on the schedule
    expect(http.requests).toHaveLength(3)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    clock.jump(60_000) // asleep: a poll at wake-up, then a period from there, not one at once
    clock.advance(0)
    expect(http.requests).toHaveLength(4)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    clock.advance(4999)
    expect(http.requests).toHaveLength(4)
    clock.advance(1)
    expect(http.requests).toHaveLength(5)
  })

  it('starts a new schedule after a timer late by exactly one period', async () => {
    const { poller, http, clock } = setup()
    poller.start()
    await http.last.respond({ status: 200, body: pollBody('pending') })
    clock.jump(10_000) // the poll due at 5000 goes out at 10000
    clock.advance(0)
    expect(http.requests).toHaveLength(2)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    clock.advance(4999)
    expect(http.requests).toHaveLength(2)
    clock.advance(1)
    expect(http.requests).toHaveLength(3)
  })

  it('after an answer slower than the period polls as soon as the minimum gap allows, with never two in flight', async () => {
    const { poller, http, clock } = setup()
    poller.start()
    clock.advance(7000)
    expect(http.requests).toHaveLength(1)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    clock.advance(MIN_REQUEST_GAP_MS - 1)
    expect(http.requests).toHaveLength(1)
    clock.advance(1)
    expect(http.requests).toHaveLength(2)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    clock.advance(4999)
    expect(http.requests).toHaveLength(2)
    clock.advance(1)
    expect(http.requests).toHaveLength(3)
  })

  it('counts the schedule from when a handed-over request was sent, not from when it was adopted', async () => {
    const clock = new FakeClock()
    clock.advance(1000)
    const requests: number[] = []
    const fetch: FetchLike = async () => {
      requests.push(clock.monotonic())
      const headers = { get: () => null }
      // Sent 600 ms before the app asked for it (the inline starter's request).
      return { status: 200, statusText: 'OK', headers, text: async () => JSON.stringify(pollBody('pending')), sentAt: clock.monotonic() - 600 }
    }
    const sink: PollingSink = { status: () => undefined, serverTime: () => undefined, notFound: () => undefined, pollSucceeded: () => undefined, pollFailed: () => undefined }
    const poller = new PollingTransport({ apiUrl: 'https://test.example', channelId: CHANNEL_ID, fetch, clock, intervalMs: 5000 }, sink, { log: () => undefined, count: () => undefined })
    poller.start()
    await flush()
    clock.advance(4399)
    expect(requests).toEqual([1000])
    clock.advance(1)
    expect(requests).toEqual([1000, 5400])
    poller.stop()
  })

  it('keeps a poll answer whose optional number is insane, without that field, and says which field', async () => {
    const { poller, http, statuses, log } = setup()
    poller.start()
    await http.last.respond({ status: 200, body: pollBody('confirming', { confirmations: 1.5 }) })
    expect(statuses.map((s) => [s.status.code, s.status.confirmations])).toEqual([['confirming', null]])
    expect(log.filter((m) => m.startsWith('Poll answer kept without a field:') && m.includes('confirmations'))).toHaveLength(1)
  })

  it('stamps each answer with the time its request started', async () => {
    const { poller, http, clock, statuses } = setup()
    clock.advance(1234)
    const startedAt = clock.monotonic()
    poller.refresh()
    clock.advance(3000)
    await http.last.respond({ status: 200, body: pollBody('confirming') })
    expect(statuses[0]?.startedAt).toBe(startedAt)
  })

  it('treats a 404 as "channel not found", not as a transport failure', async () => {
    const { poller, http, clock, failures, notFound } = setup()
    poller.start()
    await http.last.respond({ status: 404, body: { success: false, error: 'Payment channel not found' } })
    expect(notFound()).toBe(1)
    expect(failures).toHaveLength(0)
    clock.advance(60000)
    expect(http.requests).toHaveLength(1) // the owner decides when to check again
  })

  it('backs off with jitter on 5xx and network errors', async () => {
    const { poller, http, clock, failures } = setup(() => 1 - 1e-9) // the top of each jitter range
    poller.start()
    await http.last.respond({ status: 500, body: { success: false, error: 'Failed' } })
    expect(failures[0]).toMatchObject({ kind: 'http', status: 500 })
    clock.advance(4999)
    expect(http.requests).toHaveLength(1)
    clock.advance(1)
    expect(http.requests).toHaveLength(2)
    await http.last.fail()
    expect(failures[1]).toMatchObject({ kind: 'network' })
    clock.advance(9999) // doubled
    expect(http.requests).toHaveLength(2)
    clock.advance(1)
    expect(http.requests).toHaveLength(3)
  })

  it('forgets the error backoff on a manual retry: the next failure waits one poll interval again', async () => {
    const { poller, http, clock } = setup(() => 1 - 1e-9) // the top of each jitter range
    poller.start()
    await http.last.respond({ status: 500, body: '' })
    clock.advance(5000)
    await http.last.respond({ status: 500, body: '' })
    poller.resetBackoff()
    clock.advance(10_000) // the wait already drawn is kept
    expect(http.requests).toHaveLength(3)
    await http.last.respond({ status: 500, body: '' })
    clock.advance(4999)
    expect(http.requests).toHaveLength(3)
    clock.advance(1)
    expect(http.requests).toHaveLength(4)
  })

  it('honours Retry-After on a proxy’s 503 with an HTML body, for every next request', async () => {
    const { poller, http, clock, failures, log } = setup(() => 0)
    poller.start()
    await http.last.respond({ status: 503, body: '<html><body><h1>503</h1></body></html>', headers: { 'Retry-After': '30', 'Content-Type': 'text/html' } })
    expect(failures[0]).toMatchObject({ kind: 'http', status: 503, retryAfterMs: 30000 })
    expect(log[0]).toMatch(/HTML body \(likely an error page from a proxy/)
    expect(log[0]).not.toMatch(/<h1>/)
    poller.refresh() // e.g. back online: still held back
    clock.advance(29999)
    expect(http.requests).toHaveLength(1)
    clock.advance(1)
    expect(http.requests).toHaveLength(2)
  })

  it('counts a Retry-After from the answer, not from when the request was sent', async () => {
    const { poller, http, clock } = setup(() => 0)
    poller.start()
    clock.advance(3000) // a slow answer
    await http.last.respond({ status: 503, body: '', headers: { 'Retry-After': '1' } })
    clock.advance(999)
    expect(http.requests).toHaveLength(1)
    clock.advance(1)
    expect(http.requests).toHaveLength(2)
  })

  it('counts a Retry-After from when a handed-over answer arrived, before anyone asked for it', async () => {
    /** A poller whose fetch hands over 503s with `Retry-After: 1` that arrived `ageMs` before they were asked for. */
    function handedOver(clock: FakeClock, ageMs: number) {
      const requests: number[] = []
      const fetch: FetchLike = async () => {
        requests.push(clock.monotonic())
        const headers = { get: (name: string) => (name === 'Retry-After' ? '1' : null) }
        return { status: 503, statusText: 'Service Unavailable', headers, text: async () => '', receivedAt: clock.monotonic() - ageMs }
      }
      const sink: PollingSink = { status: () => undefined, serverTime: () => undefined, notFound: () => undefined, pollSucceeded: () => undefined, pollFailed: () => undefined }
      const poller = new PollingTransport({ apiUrl: 'https://test.example', channelId: CHANNEL_ID, fetch, clock, intervalMs: 5000, random: () => 0 }, sink, { log: () => undefined, count: () => undefined })
      return { poller, requests }
    }
    const clock = new FakeClock()
    const recent = handedOver(clock, 300)
    recent.poller.start()
    await flush()
    clock.advance(699)
    expect(recent.requests).toEqual([0])
    clock.advance(1)
    expect(recent.requests).toEqual([0, 700])
    recent.poller.stop()

    const old = handedOver(clock, 1500) // its second was over before the app looked at it
    old.poller.start()
    await flush()
    clock.advance(0)
    expect(old.requests).toEqual([700, 700])
  })

  it('adds almost no jitter to a short Retry-After: 1 s is at most 10 ms late', async () => {
    const { poller, http, clock } = setup(() => 1 - 1e-9) // the top of the jitter range
    poller.start()
    for (let i = 0; i < 3; i++) {
      await http.last.respond({ status: 503, body: '', headers: { 'Retry-After': '1' } })
      clock.advance(1009)
      expect(http.requests).toHaveLength(i + 1)
      clock.advance(1)
      expect(http.requests).toHaveLength(i + 2)
    }
  })

  it('adds up to 10 % to a Retry-After of 10 s and more', async () => {
    const { poller, http, clock } = setup(() => 1 - 1e-9)
    poller.start()
    await http.last.respond({ status: 503, body: '', headers: { 'Retry-After': '60' } })
    clock.advance(65999)
    expect(http.requests).toHaveLength(1)
    clock.advance(1)
    expect(http.requests).toHaveLength(2)
  })

  it('drops a 200 whose body fails validation and counts it as a failure', async () => {
    const { poller, http, statuses, failures } = setup()
    poller.start()
    await http.last.respond({ status: 200, body: { success: true, channel: { channelId: CHANNEL_ID, status: 7 } } })
    expect(statuses).toHaveLength(0)
    expect(failures[0]).toMatchObject({ kind: 'invalid' })
  })

  it('abandons a request that hangs after 8 s and sends a fresh one at once; only repeated failures back off', async () => {
    const { poller, http, clock, failures } = setup()
    poller.start()
    clock.advance(REQUEST_TIMEOUT_MS - 1)
    await flush()
    expect(http.requests[0]?.signal?.aborted).toBe(false)
    clock.advance(1)
    await flush()
    expect(http.requests[0]?.signal?.aborted).toBe(true)
    expect(failures[0]).toMatchObject({ kind: 'network', hung: true })
    clock.advance(0)
    expect(http.requests).toHaveLength(2) // the fresh request, at once
    clock.advance(REQUEST_TIMEOUT_MS)
    await flush()
    clock.advance(4999)
    expect(http.requests).toHaveLength(2) // a second hang in a row: backoff from the poll interval
    clock.advance(1)
    expect(http.requests).toHaveLength(3)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    clock.advance(5000)
    clock.advance(REQUEST_TIMEOUT_MS)
    await flush()
    clock.advance(0)
    expect(http.requests).toHaveLength(5) // after an answer, a hang is a first failure again
  })

  it('reaches the news within 45 s through three hung requests in a row', async () => {
    const { poller, http, clock, statuses } = setup()
    poller.start()
    while (http.requests.filter((r) => r.signal?.aborted).length < 3) {
      clock.advance(100)
      await flush()
    }
    while (http.pending.length === 0) clock.advance(100)
    await http.last.respond({ status: 200, body: pollBody('completed') })
    expect(statuses.at(-1)?.status.code).toBe('completed')
    // 8 s hung, a fresh request at once, 8 s hung, 5 s backoff, 8 s hung, 7.5 s backoff.
    expect(clock.monotonic()).toBeLessThanOrEqual(45_000)
  })

  it('never has two requests in flight', () => {
    const { poller, http } = setup()
    poller.start()
    poller.refresh()
    poller.refresh()
    expect(http.requests).toHaveLength(1)
  })

  it('stops: aborts the request in flight, fires no timer, reports nothing', async () => {
    const { poller, http, clock, statuses } = setup()
    poller.start()
    const request = http.last
    poller.stop()
    expect(request.signal?.aborted).toBe(true)
    await request.respond({ status: 200, body: pollBody('pending') })
    clock.advance(60000)
    expect(statuses).toHaveLength(0)
    expect(http.requests).toHaveLength(1)
    expect(clock.pendingTimers).toBe(0)
  })

  it('reads the server clock from the Date header', async () => {
    const { poller, http, serverTime } = setup()
    poller.refresh()
    await http.last.respond({ status: 200, body: pollBody('pending'), headers: { Date: 'Wed, 25 Nov 2026 12:00:10 GMT' } })
    expect(serverTime()).toBe(Date.parse('2026-11-25T12:00:10Z') + 500)
  })
})

describe('retryAfterDelay', () => {
  const top = () => 1 - 1e-9
  it('spreads by a share of the wait that grows with it, up to 10 % from 10 s on, within the 5 min cap', () => {
    expect([1000, 2000, 5000, 10000, 30000].map((ms) => retryAfterDelay(ms, top))).toEqual([1010, 2040, 5250, 11000, 33000])
    expect(retryAfterDelay(3_600_000, top)).toBe(330_000)
    expect(retryAfterDelay(30000, () => 0)).toBe(30000)
    expect(retryAfterDelay(0, top)).toBe(0)
  })
})

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-25T12:00:00Z')
  it('reads seconds and HTTP dates, caps silly values, ignores garbage', () => {
    expect(parseRetryAfter('2', now)).toBe(2000)
    expect(parseRetryAfter('Wed, 25 Nov 2026 12:00:30 GMT', now)).toBe(30000)
    expect(parseRetryAfter('999999', now)).toBe(5 * 60 * 1000)
    expect(parseRetryAfter('soon', now)).toBeNull()
    expect(parseRetryAfter(null, now)).toBeNull()
  })

  // Date.parse reads the last three as future times; none is an HTTP-date.
  it.each(['0', '-1', '1.5', '+3', '0x10', '2e3', '', '  ', 'Wed, 25 Nov 2026 11:58:00 GMT', 'Wed, 25 Nov 2026 12:00:00 GMT', '12:00:30', '2026-11-25T12:00:30Z', 'Nov 25 2026 12:00:30 GMT', 'X Wed, 25 Nov 2026 12:00:30 GMT'])(
    'takes %j as no hint',
    (value) => {
      expect(parseRetryAfter(value, now)).toBeNull()
    },
  )

  it('reads a value with spaces around it (a header’s optional whitespace)', () => {
    expect(parseRetryAfter(' 30 ', now)).toBe(30000)
    expect(parseRetryAfter(' Wed, 25 Nov 2026 12:00:30 GMT ', now)).toBe(30000)
  })

  it('reads an HTTP-date in each of its three forms against the server clock it is given', () => {
    expect(parseRetryAfter('Wednesday, 25-Nov-26 12:00:30 GMT', now)).toBe(30000)
    expect(parseRetryAfter('Wed Nov 25 12:00:30 2026', now - new Date(now).getTimezoneOffset() * 60_000)).toBeGreaterThan(0)
    // A device two minutes behind the proxy: the date is 30 s ahead of the server, not 150 s of the device.
    expect(parseRetryAfter('Wed, 25 Nov 2026 12:00:30 GMT', now)).toBe(30000)
    expect(parseRetryAfter('Wed, 25 Nov 2026 12:00:30 GMT', now - 120_000)).toBe(150_000)
  })
})
