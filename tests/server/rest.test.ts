/** The REST routes: shapes, status codes and vocabulary of docs/protocol.md, and CORS for loopback pages. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Simulator } from '../../server/simulator'
import { KEYS, json, startSim } from './helpers'

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

let sim: Simulator
beforeAll(async () => {
  sim = await startSim()
})
afterAll(() => sim.close())

describe('GET /api/onboarding/payment/status/:channelId', () => {
  it('answers 200 with the stored-status shape', async () => {
    const channel = sim.createChannel({ currency: 'MATIC', username: 'bob-1' })
    const { status, body, headers } = await json(sim, `/api/onboarding/payment/status/${channel.channelId}`)
    expect(status).toBe(200)
    expect(headers.get('date')).toBeTruthy()
    expect(body).toEqual({
      success: true,
      channel: {
        channelId: channel.channelId,
        username: 'bob-1',
        status: 'pending',
        statusMessage: expect.any(String),
        statusDetails: expect.any(String),
        progress: 20,
        cryptoType: 'MATIC',
        amountFormatted: expect.stringMatching(/^\d+\.\d{8} MATIC$/),
        address: expect.stringMatching(/^0x[0-9a-f]{40}$/),
        memo: null,
        confirmations: 0,
        confirmationsRequired: 10,
        createdAt: expect.stringMatching(ISO),
        confirmedAt: null,
        accountCreatedAt: null,
        expiresAt: expect.stringMatching(ISO),
        txHash: null,
        publicKeys: null,
        isExpired: false,
        timeLeft: expect.any(Number),
        instructions: expect.arrayContaining([expect.any(String)]),
      },
    })
    const channelBody = body.channel as Record<string, unknown>
    expect(Number.isInteger(channelBody.timeLeft)).toBe(true)
    expect(channelBody.timeLeft).toBeGreaterThanOrEqual(1438)
  })

  it('uses the stored vocabulary along the timeline', async () => {
    const channel = sim.createChannel({ currency: 'BTC' })
    const seen: string[] = []
    const read = async () => {
      const { body } = await json(sim, `/api/onboarding/payment/status/${channel.channelId}`)
      const c = body.channel as Record<string, unknown>
      seen.push(`${String(c.status)}:${c.txHash ? 'tx' : '-'}:${String(c.confirmations)}`)
    }
    await read()
    for (let i = 0; i < 5; i += 1) {
      sim.app.store.advance(channel.channelId)
      await read()
    }
    expect(seen).toEqual(['pending:-:0', 'pending:tx:0', 'confirming:tx:1', 'confirming:tx:2', 'confirmed:tx:2', 'completed:tx:2'])
  })

  it('answers 404 with the real error body for an unknown channel', async () => {
    for (const id of ['0'.repeat(32), 'not-a-channel', '%E0%A4%A']) {
      const { status, body } = await json(sim, `/api/onboarding/payment/status/${id}`)
      expect(status).toBe(404)
      expect(body).toEqual({ success: false, error: 'Payment channel not found' })
    }
  })

  it('reports an expired channel as pending, isExpired, timeLeft 0', async () => {
    const channel = sim.createChannel({ expired: true })
    const { body } = await json(sim, `/api/onboarding/payment/status/${channel.channelId}`)
    expect(body.channel).toMatchObject({ status: 'pending', isExpired: true, timeLeft: 0 })
  })
})

describe('GET /api/onboarding/pricing', () => {
  it('lists every monitored currency', async () => {
    const { status, body } = await json(sim, '/api/onboarding/pricing')
    expect(status).toBe(200)
    expect(body.success).toBe(true)
    const pricing = body.pricing as Record<string, unknown>
    expect(pricing.supportedCurrencies).toEqual(['BTC', 'SOL', 'ETH', 'MATIC', 'BNB'])
    expect(Object.keys(pricing.cryptoRates as object)).toEqual(['BTC', 'SOL', 'ETH', 'MATIC', 'BNB'])
  })
})

describe('POST /api/onboarding/payment/initiate', () => {
  it('creates a channel waiting for payment', async () => {
    const { status, body } = await json(sim, '/api/onboarding/payment/initiate', {
      body: { username: 'carol', cryptoType: 'SOL', publicKeys: KEYS },
    })
    expect(status).toBe(200)
    expect(body).toEqual({
      success: true,
      payment: {
        channelId: expect.stringMatching(/^[0-9a-f]{32}$/),
        username: 'carol',
        cryptoType: 'SOL',
        amount: expect.any(Number),
        amountFormatted: expect.any(String),
        amountUSD: expect.any(Number),
        address: expect.stringMatching(/^[1-9A-HJ-NP-Za-km-z]{44}$/),
        memo: null,
        expiresAt: expect.stringMatching(ISO),
        network: 'Solana',
        confirmationsRequired: 1,
        estimatedConfirmationTime: expect.any(String),
        instructions: expect.arrayContaining([expect.any(String)]),
      },
    })
    const id = (body.payment as Record<string, string>).channelId as string
    expect(sim.app.store.get(id)).toMatchObject({ mode: 'await-payment', status: 'pending' })
  })

  it('answers 409 with existingChannel for a username already in progress', async () => {
    const first = await json(sim, '/api/onboarding/payment/initiate', { body: { username: 'dave', cryptoType: 'BTC', publicKeys: KEYS } })
    const second = await json(sim, '/api/onboarding/payment/initiate', { body: { username: 'dave', cryptoType: 'ETH', publicKeys: KEYS } })
    expect(second.status).toBe(409)
    expect(second.body).toMatchObject({
      success: false,
      error: expect.any(String),
      existingChannel: { channelId: (first.body.payment as Record<string, string>).channelId, status: 'pending' },
    })
  })

  it('answers 400 with details for each broken input rule', async () => {
    const { status, body } = await json(sim, '/api/onboarding/payment/initiate', {
      body: { username: 'Bad_Name', cryptoType: 'DOGE', publicKeys: { ...KEYS, owner: 'STMshort', memo: 5 } },
    })
    expect(status).toBe(400)
    expect(body.success).toBe(false)
    expect(body.error).toBe('Input validation failed')
    const details = body.details as Array<{ field: string; message: string; value?: unknown }>
    expect(details.map((d) => d.field).sort()).toEqual(['cryptoType', 'publicKeys.memo', 'publicKeys.owner', 'username'])
    expect(details.find((d) => d.field === 'username')).toEqual({ field: 'username', message: expect.any(String), value: 'Bad_Name' })
  })

  it.each([
    ['ab', 'too short'],
    ['abcdefghijklmnopq', 'too long'],
    ['1abc', 'leading digit'],
    ['abc-', 'trailing hyphen'],
  ])('refuses the username %s (%s)', async (username) => {
    const { status } = await json(sim, '/api/onboarding/payment/initiate', { body: { username, cryptoType: 'BTC', publicKeys: KEYS } })
    expect(status).toBe(400)
  })

  it('accepts dotted names and TST keys', async () => {
    const key = `TST${'a'.repeat(60)}`
    const { status } = await json(sim, '/api/onboarding/payment/initiate', {
      body: { username: 'abc.def', cryptoType: 'BNB', publicKeys: { owner: key, active: key, posting: key, memo: key } },
    })
    expect(status).toBe(200)
  })

  it('answers 400 for a body that is not JSON, and 413 for a huge one', async () => {
    expect((await json(sim, '/api/onboarding/payment/initiate', { body: '{oops' })).status).toBe(400)
    expect((await json(sim, '/api/onboarding/payment/initiate', { body: `"${'x'.repeat(70 * 1024)}"` })).status).toBe(413)
  })
})

describe('POST /api/onboarding/payment/verify-transaction', () => {
  it('records the payment: the channel moves to payment_detected with that hash', async () => {
    const channel = sim.createChannel()
    const txHash = 'ef'.repeat(32)
    const { status, body } = await json(sim, '/api/onboarding/payment/verify-transaction', { body: { channelId: channel.channelId, txHash } })
    expect(status).toBe(200)
    expect(body).toMatchObject({ success: true, channelId: channel.channelId, txHash, status: 'pending' })
    expect(sim.app.store.get(channel.channelId)?.txHash).toBe(txHash)
  })

  it('validates its input and answers 404 for an unknown channel', async () => {
    const bad = await json(sim, '/api/onboarding/payment/verify-transaction', { body: { channelId: 'xyz', txHash: '0x12' } })
    expect(bad.status).toBe(400)
    expect((bad.body.details as Array<{ field: string }>).map((d) => d.field)).toEqual(['channelId', 'txHash'])
    const missing = await json(sim, '/api/onboarding/payment/verify-transaction', { body: { channelId: 'c'.repeat(32), txHash: 'ab'.repeat(32) } })
    expect(missing.status).toBe(404)
    expect(missing.body).toEqual({ success: false, error: 'Payment channel not found' })
  })
})

describe('CORS', () => {
  it.each(['http://localhost:5173', 'http://127.0.0.1:4173'])('is open to the loopback origin %s', async (origin) => {
    const { headers } = await json(sim, '/api/onboarding/pricing', { headers: { Origin: origin } })
    expect(headers.get('access-control-allow-origin')).toBe(origin)
    expect(headers.get('access-control-expose-headers')).toBe('Retry-After, Date')
  })

  it('answers a preflight', async () => {
    const response = await fetch(`${sim.url}/api/onboarding/payment/initiate`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    })
    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    expect(response.headers.get('access-control-allow-methods')).toContain('POST')
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type')
  })

  it('gives a foreign origin no CORS headers', async () => {
    const { headers } = await json(sim, '/api/onboarding/pricing', { headers: { Origin: 'https://evil.example' } })
    expect(headers.get('access-control-allow-origin')).toBeNull()
  })
})
