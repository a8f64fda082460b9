/**
 * What a developer reads when a poll fails: the failure's message (kept in the diagnostics and the
 * support report) and the log line, which says when the next poll goes out. Server text is quoted
 * and cut; an HTML error page is described, never quoted; the counters add up.
 */
import { describe, expect, it } from 'vitest'
import { REQUEST_TIMEOUT_MS } from '../../src/core/transports/polling'
import { CHANNEL_ID, pollBody } from '../support/channel'
import { flush } from '../support/fetch'
import { pollerOnFakes } from '../support/poller'

/** The message of the failure that one answer makes. */
async function messageOf(answer: { status: number; body?: string | object; headers?: Record<string, string> }): Promise<string | undefined> {
  const { poller, http, failures } = pollerOnFakes()
  poller.refresh()
  await http.last.respond(answer)
  return failures[0]?.message
}

describe('polling: the message of a failed answer', () => {
  it('quotes the API’s own error, after the status line', async () => {
    expect(await messageOf({ status: 500, body: { success: false, error: 'Failed to get channel status' } })).toBe(
      'HTTP 500 Internal Server Error, "Failed to get channel status"',
    )
  })

  it('cuts the API’s error at 200 characters', async () => {
    const message = await messageOf({ status: 500, body: { success: false, error: 'x'.repeat(300) } })
    expect(message).toBe(`HTTP 500 Internal Server Error, "${'x'.repeat(200)}"`)
  })

  it('writes the status alone when the answer has no reason phrase (HTTP/2)', async () => {
    expect(await messageOf({ status: 429, body: '' })).toBe('HTTP 429, empty body')
  })

  it('calls a body of whitespace empty', async () => {
    expect(await messageOf({ status: 502, body: ' \n ' })).toBe('HTTP 502 Bad Gateway, empty body')
  })

  it('describes an HTML page, never quotes it: by its type, or by its first tag', async () => {
    const html = 'HTTP 502 Bad Gateway, HTML body (likely an error page from a proxy or load balancer)'
    expect(await messageOf({ status: 502, body: 'Bad gateway', headers: { 'Content-Type': 'text/html; charset=utf-8' } })).toBe(html)
    expect(await messageOf({ status: 502, body: '\n  <!doctype html><title>502</title>' })).toBe(html)
  })

  it('gives the length of any other body, not its text', async () => {
    expect(await messageOf({ status: 503, body: 'upstream connect error', headers: { 'Content-Type': 'text/plain' } })).toBe(
      'HTTP 503 Service Unavailable, non-JSON body of 22 characters',
    )
  })
})

describe('polling: the message of a request that got no answer', () => {
  it('names the error the fetch gave, cut at 200 characters', async () => {
    const { poller, http, failures } = pollerOnFakes()
    poller.refresh()
    await http.last.fail(new TypeError('Failed to fetch'))
    poller.refresh()
    await http.last.fail(new TypeError('y'.repeat(300)))
    expect(failures.map((f) => f.message)).toEqual(['TypeError: Failed to fetch', `TypeError: ${'y'.repeat(300)}`.slice(0, 200)])
  })

  it('writes what a fetch rejected with when it is not an error', async () => {
    const { poller, http, failures } = pollerOnFakes({ fetch: (fake) => (url, init) => fake(url, init).then(() => Promise.reject('offline')) })
    poller.refresh()
    await http.last.respond({ status: 200, body: pollBody('pending') })
    expect(failures).toEqual([{ kind: 'network', message: 'offline' }])
  })

  it('says a hung request was abandoned, and that the next goes out at once', async () => {
    const { poller, clock, failures, entries } = pollerOnFakes()
    poller.start()
    clock.advance(REQUEST_TIMEOUT_MS)
    await flush()
    expect(failures).toEqual([{ kind: 'network', message: 'no answer in time: abandoned', hung: true }])
    expect(entries).toEqual([{ kind: 'poll', level: 'warn', message: 'Poll failed: no answer in time: abandoned; next poll in 0 s' }])
  })
})

describe('polling: the log and the counters', () => {
  it('logs each failure with the delay to the next poll, to a tenth of a second', async () => {
    const { poller, http, clock, entries } = pollerOnFakes({ random: () => 0.5 })
    poller.start()
    await http.last.respond({ status: 500, body: { success: false, error: 'Failed' } })
    clock.advance(5000)
    await http.last.fail()
    expect(entries).toEqual([
      { kind: 'poll', level: 'warn', message: 'Poll failed: HTTP 500 Internal Server Error, "Failed"; next poll in 5 s' },
      // The backoff's second step: 5 to 10 s, drawn in the middle.
      { kind: 'poll', level: 'warn', message: 'Poll failed: TypeError: Failed to fetch; next poll in 7.5 s' },
    ])
  })

  it('logs the API’s "not found" in its own words', async () => {
    const { poller, http, entries } = pollerOnFakes()
    poller.refresh()
    await http.last.respond({ status: 404, body: { success: false, error: 'Payment channel not found' } })
    expect(entries).toEqual([{ kind: 'poll', level: 'warn', message: 'Poll: 404 "Payment channel not found"' }])
  })

  it('logs a dropped answer with the reason it failed validation', async () => {
    const { poller, http, entries, failures } = pollerOnFakes()
    poller.refresh()
    await http.last.respond({ status: 200, body: { success: true, channel: { channelId: CHANNEL_ID, status: 7 } } })
    const reason = failures[0]?.message ?? ''
    expect(reason).toMatch(/status/)
    expect(entries[0]).toEqual({ kind: 'invalid', level: 'warn', message: `Dropped a poll answer: ${reason}` })
  })

  it('logs a field it dropped from an answer it kept as invalid data, and nothing for a clean answer', async () => {
    const { poller, http, entries } = pollerOnFakes()
    poller.refresh()
    await http.last.respond({ status: 200, body: pollBody('pending') })
    expect(entries).toEqual([])
    poller.refresh()
    await http.last.respond({ status: 200, body: pollBody('confirming', { confirmations: -1 }) })
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ kind: 'invalid', level: 'warn' })
    expect(entries[0]?.message).toMatch(/^Poll answer kept without a field: .*confirmations/)
  })

  it('counts every request, every failure and every dropped answer', async () => {
    const { poller, http, counts } = pollerOnFakes()
    poller.refresh()
    await http.last.respond({ status: 200, body: pollBody('pending') })
    poller.refresh()
    await http.last.respond({ status: 503, body: '' })
    poller.refresh()
    await http.last.respond({ status: 200, body: '<html>Sign in to Wi-Fi</html>' })
    expect(counts).toEqual({ polls: 3, pollErrors: 2, invalidFrames: 1 })
  })
})
