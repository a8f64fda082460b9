/**
 * Whatever the server, a proxy or a dead connection answers, and however long it takes, the poller
 * sends at most 6 requests in any 5 s and never two at once: a property over arbitrary
 * `Retry-After` values, statuses, bodies and answer times (fast-check), on a fake clock.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { PollingTransport, type PollingSink } from '../../src/core/transports/polling'
import type { FetchLike } from '../../src/core/transports/transport'
import { CHANNEL_ID, pollBody } from '../support/channel'
import { FakeClock } from '../support/clock'
import { FakeFetch, flush } from '../support/fetch'

type Answer =
  | { kind: 'http'; status: number; body: 'json' | 'html' | 'empty' | 'portal'; retryAfter: string | null; afterMs: number }
  | { kind: 'network'; afterMs: number }
  | { kind: 'hang' }

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0)

const retryAfter = fc.oneof(
  fc.constant(null),
  // The values that once made a loop (no hint, read as "now"), drawn often.
  { arbitrary: fc.constantFrom('0', '-1', '1.5', '1', 'now', new Date(NOW - 120_000).toUTCString()), weight: 4 },
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -5, max: 400 }).map(String),
  fc.double({ min: -10, max: 10, noNaN: true }).map(String),
  // Dates around now, as a proxy whose clock is off by up to 3 minutes would send them.
  fc.integer({ min: -180_000, max: 180_000 }).map((ms) => new Date(NOW + ms).toUTCString()),
)

/** How long an answer takes: often at once (a proxy's own error page), sometimes seconds. */
const afterMs = fc.oneof(fc.constantFrom(0, 5, 50), fc.integer({ min: 0, max: 9000 }))

const answer: fc.Arbitrary<Answer> = fc.oneof(
  fc.record({
    kind: fc.constant('http' as const),
    status: fc.constantFrom(200, 200, 304, 404, 429, 500, 502, 503, 504),
    body: fc.constantFrom('json' as const, 'html' as const, 'empty' as const, 'portal' as const),
    retryAfter,
    afterMs,
  }),
  fc.record({ kind: fc.constant('network' as const), afterMs }),
  fc.constant({ kind: 'hang' as const }),
)

/** A mix of answers, or one answer again and again (a proxy in a bad state answers alike every time). */
const answers = fc.oneof(
  fc.array(answer, { minLength: 1, maxLength: 40 }),
  fc.tuple(answer, fc.integer({ min: 8, max: 30 })).map(([one, times]) => Array.from({ length: times }, () => one)),
)

function bodyOf(kind: 'json' | 'html' | 'empty' | 'portal'): string | object {
  if (kind === 'json') return pollBody('pending')
  if (kind === 'html') return '<html><body>502 Bad Gateway</body></html>'
  if (kind === 'portal') return '<!doctype html><title>Sign in to Wi-Fi</title>'
  return ''
}

async function run(answers: readonly Answer[]) {
  const clock = new FakeClock(NOW)
  const http = new FakeFetch()
  const sentAt: number[] = []
  let mostInFlight = 0
  const fetch: FetchLike = (url, init) => {
    sentAt.push(clock.monotonic())
    const promise = http.fetch(url, init)
    mostInFlight = Math.max(mostInFlight, http.pending.length)
    return promise
  }
  const sink: PollingSink = { status: () => undefined, serverTime: () => undefined, notFound: () => undefined, pollSucceeded: () => undefined, pollFailed: () => undefined }
  const poller = new PollingTransport({ apiUrl: 'https://test.example', channelId: CHANNEL_ID, fetch, clock, intervalMs: 5000, random: () => 0 }, sink, {
    log: () => undefined,
    count: () => undefined,
  })
  poller.start()
  for (const next of answers) {
    // Wait (bounded) for the poller's next request, then answer it as drawn.
    for (let waited = 0; http.pending.length === 0 && waited < 10 * 60_000; waited += 250) {
      clock.advance(250)
      await flush()
    }
    const request = http.pending[0]
    if (!request) break
    if (next.kind === 'hang') continue // its own timeout ends it
    clock.advance(next.afterMs)
    await flush()
    if (request.signal?.aborted) continue
    if (next.kind === 'network') await request.fail()
    else await request.respond({ status: next.status, body: bodyOf(next.body), headers: next.retryAfter === null ? {} : { 'Retry-After': next.retryAfter } })
  }
  poller.stop()
  return { sentAt, mostInFlight }
}

describe('the polling request rate, whatever the answers', () => {
  it('never more than 6 requests in any 5 s, never two in flight', async () => {
    await fc.assert(
      fc.asyncProperty(answers, async (answers) => {
        const { sentAt, mostInFlight } = await run(answers)
        expect(mostInFlight).toBeLessThanOrEqual(1)
        for (let i = 0; i + 6 < sentAt.length; i++) expect((sentAt[i + 6] as number) - (sentAt[i] as number)).toBeGreaterThanOrEqual(5000)
      }),
      { numRuns: 600, seed: 20261206 },
    )
  }, 60_000)
})
