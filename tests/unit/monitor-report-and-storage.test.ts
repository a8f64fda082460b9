import { describe, expect, it } from 'vitest'
import type { StorageLike } from '../../src/core/machine/socketMemory'
import { CHANNEL_ID, pollBody } from '../support/channel'
import { flush } from '../support/fetch'
import { answerAll, createTestMonitor, type MemoryStorage } from '../support/monitor'

/** Reports over HTTP (no socket open) and returns the POST's answer as the payer sees it. */
async function reportOverHttp(answer: { status: number; body?: string | object } | 'network error') {
  const { monitor, http, sockets } = createTestMonitor()
  monitor.start(CHANNEL_ID)
  await http.last.respond({ status: 200, body: pollBody('pending') })
  sockets.last.serverClose(1006)
  const result = monitor.reportPaymentSent('ef'.repeat(32))
  await flush()
  const post = http.requests.find((r) => r.method === 'POST')!
  expect(post.url).toBe('https://test.example/api/onboarding/payment/verify-transaction')
  if (answer === 'network error') await post.fail(new TypeError('Failed to fetch'))
  else await post.respond(answer)
  const commands = monitor.getSnapshot().events.filter((e) => e.kind === 'command').map((e) => `${e.level}: ${e.message}`)
  return { result: await result, commands }
}

describe('verify-transaction over HTTP', () => {
  it('a 2xx without words reads as reported', async () => {
    const { result, commands } = await reportOverHttp({ status: 200, body: { success: true } })
    expect(result).toEqual({ ok: true, via: 'http', message: 'Payment reported.', note: 'reported' })
    expect(commands).toContain('info: verify-transaction: HTTP 200')
  })

  it('a 2xx that says success false is a refusal, in the server’s words (bounded to 300 characters)', async () => {
    const { result } = await reportOverHttp({ status: 200, body: { success: false, message: 'n'.repeat(400) } })
    expect(result).toEqual({ ok: false, via: 'http', message: 'n'.repeat(300) })
  })

  it('an error status without words names the status', async () => {
    const { result, commands } = await reportOverHttp({ status: 500, body: 'oops' })
    expect(result).toEqual({ ok: false, via: 'http', message: 'The server answered HTTP 500.', note: 'refused' })
    expect(commands).toContain('warn: verify-transaction: HTTP 500')
  })

  it('a 3xx (even 300) is not a success', async () => {
    const { result } = await reportOverHttp({ status: 300, body: { success: true } })
    expect(result.ok).toBe(false)
  })

  it('a network error reassures the payer that the payment is still watched, and logs the error', async () => {
    const { result, commands } = await reportOverHttp('network error')
    expect(result).toEqual({ ok: false, via: 'http', message: 'Could not reach the server. Your payment is still being watched.', note: 'not_reached' })
    expect(commands.some((line) => line.startsWith('warn: verify-transaction failed: TypeError: Failed to fetch'))).toBe(true)
  })
})

describe('tab memory when storage is unusable (privacy mode, quota)', () => {
  const throwing: StorageLike = {
    getItem: () => {
      throw new Error('SecurityError')
    },
    setItem: () => {
      throw new Error('QuotaExceededError')
    },
    removeItem: () => {
      throw new Error('SecurityError')
    },
  }

  it('behaves as a first visit and keeps monitoring through failures', async () => {
    const { monitor, http, sockets } = createTestMonitor({ storage: throwing as MemoryStorage })
    monitor.start(CHANNEL_ID)
    expect(monitor.getSnapshot().state).toBe('connecting')
    sockets.last.serverClose(1006)
    await answerAll(http)
    expect(monitor.getSnapshot().state).toBe('polling')
  })
})
