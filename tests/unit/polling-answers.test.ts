/**
 * Which poll answers count as what. Only the API's own JSON 404 says the channel does not exist
 * (docs/protocol.md, "Status route"); any other 404 is a failed request like a 5xx. An answer is
 * shown only when it is about the channel asked for. The request asks for JSON, and the `Date`
 * header, when there is one, is a sample of the server's clock.
 */
import { describe, expect, it } from 'vitest'
import { pollBody } from '../support/channel'
import { pollerOnFakes } from '../support/poller'

const NOT_FOUND = { success: false, error: 'Payment channel not found' }

describe('polling: "channel not found" is the API’s JSON 404 only', () => {
  it('takes a 404 with an HTML body (a proxy’s page for a misrouted path) as a failed request, and polls again', async () => {
    const { poller, http, clock, failures, notFound } = pollerOnFakes()
    poller.start()
    await http.last.respond({ status: 404, body: '<html><body>Not Found</body></html>', headers: { 'Content-Type': 'text/html' } })
    expect(notFound()).toBe(0)
    expect(failures).toMatchObject([{ kind: 'http', status: 404 }])
    clock.advance(5000)
    expect(http.requests).toHaveLength(2)
  })

  it('takes a JSON 404 with another error as a failed request', async () => {
    const { poller, http, failures, notFound } = pollerOnFakes()
    poller.start()
    await http.last.respond({ status: 404, body: { success: false, error: 'Route not found' } })
    expect(notFound()).toBe(0)
    expect(failures).toMatchObject([{ kind: 'http', status: 404 }])
  })

  it('takes a 500 that carries the same words as a server error, not as "not found"', async () => {
    const { poller, http, failures, notFound } = pollerOnFakes()
    poller.start()
    await http.last.respond({ status: 500, body: NOT_FOUND })
    expect(notFound()).toBe(0)
    expect(failures).toMatchObject([{ kind: 'http', status: 500 }])
  })

  it('takes the JSON 404 as "not found", and a failure after it backs off from the start again', async () => {
    const { poller, http, clock, notFound } = pollerOnFakes({ random: () => 1 - 1e-9 })
    poller.start()
    await http.last.respond({ status: 500, body: '' })
    clock.advance(5000)
    await http.last.respond({ status: 500, body: '' }) // the backoff's second step: up to 10 s
    clock.advance(10_000)
    await http.last.respond({ status: 404, body: NOT_FOUND })
    expect(notFound()).toBe(1)
    poller.refresh() // the owner's recheck
    await http.last.respond({ status: 500, body: '' })
    clock.advance(4999)
    expect(http.requests).toHaveLength(4)
    clock.advance(1)
    expect(http.requests).toHaveLength(5)
  })
})

describe('polling: the answer must be about our channel', () => {
  it('refuses an answer for another channel: nothing shown, a failed request, the next poll backs off', async () => {
    const { poller, http, clock, statuses, failures, succeeded } = pollerOnFakes()
    poller.start()
    const other = pollBody('completed', { channelId: 'ffffffffffffffffffffffffffffffff' })
    await http.last.respond({ status: 200, body: other })
    expect(statuses).toEqual([])
    expect(succeeded()).toBe(0)
    expect(failures).toEqual([{ kind: 'invalid', message: 'poll answer is for another channel' }])
    clock.advance(4999)
    expect(http.requests).toHaveLength(1)
    clock.advance(1)
    expect(http.requests).toHaveLength(2)
  })
})

describe('polling: the request and the server clock', () => {
  it('asks for JSON', () => {
    const sent: Array<Record<string, string> | undefined> = []
    const { poller } = pollerOnFakes({ fetch: (fake) => (url, init) => (sent.push(init.headers), fake(url, init)) })
    poller.refresh()
    expect(sent).toEqual([{ Accept: 'application/json' }])
  })

  it('takes no server time from an answer without a readable Date header, and shows its status all the same', async () => {
    const { poller, http, serverTimes, statuses } = pollerOnFakes()
    poller.refresh()
    await http.last.respond({ status: 200, body: pollBody('pending') })
    poller.refresh()
    await http.last.respond({ status: 200, body: pollBody('pending'), headers: { Date: 'yesterday' } })
    expect(serverTimes).toEqual([])
    expect(statuses).toHaveLength(2)
  })
})
