/** Channel timelines: the order of statuses per currency, auto/manual/await-payment modes, expiry. */
import { afterEach, describe, expect, it } from 'vitest'
import { REQUIRED_CONFIRMATIONS, CURRENCIES } from '../../src/core/protocol/messages'
import { STEP_MS } from '../../server/paymentTimeline'
import type { Simulator } from '../../server/simulator'
import { json, startSim, subscribed, waitFor, type Frame } from './helpers'

let sim: Simulator | undefined
afterEach(() => sim?.close())

function statusesLogged(s: Simulator, channelId: string): string[] {
  return s.app.log
    .entries()
    .filter((e) => e.kind === 'status' && e.channelId === channelId)
    .map((e) => e.status as string)
}

describe('the timeline', () => {
  it('takes about 20 to 30 s at speed 1 (the dev demo)', () => {
    const total = STEP_MS.waiting + STEP_MS.detected + STEP_MS.confirmingTotal + STEP_MS.creating
    expect(total).toBeGreaterThanOrEqual(20_000)
    expect(total).toBeLessThanOrEqual(30_000)
  })

  it.each(CURRENCIES)('plays every status in order for %s, with its required confirmations', async (currency) => {
    sim = await startSim({ speed: 400 })
    const channel = sim.createChannel({ currency, mode: 'auto' })
    const done = await waitFor(() => sim?.app.store.get(channel.channelId)?.status === 'completed', 3000)
    expect(done).toBe(true)
    const required = REQUIRED_CONFIRMATIONS[currency]
    expect(statusesLogged(sim, channel.channelId)).toEqual([
      'waiting_payment',
      'payment_detected',
      ...Array<string>(required).fill('confirming'),
      'creating_account',
      'completed',
    ])
    expect(sim.app.store.get(channel.channelId)?.confirmations).toBe(required)
  })

  it('reaches a subscriber as status_update frames in order, ending at completed with progress 100', async () => {
    sim = await startSim({ speed: 200 })
    const channel = sim.createChannel({ currency: 'ETH', mode: 'manual' })
    const { socket } = await subscribed(sim, channel.channelId)
    sim.app.store.advance(channel.channelId, 'completed')
    // Each step publishes; a manual jump publishes once at its end.
    const last = await socket.next((f) => f.type === 'status_update' && f.status === 'completed')
    expect(last.progress).toBe(100)
    expect((last.channel as Frame).confirmations).toBe(2)
    socket.ws.close()
  })

  it('reports progress 40 + 30 × confirmations / required while confirming', async () => {
    sim = await startSim()
    const channel = sim.createChannel({ currency: 'MATIC' })
    const { socket } = await subscribed(sim, channel.channelId)
    sim.app.store.advance(channel.channelId, 'confirming')
    const frame = await socket.next((f) => f.status === 'confirming')
    expect(frame.progress).toBeCloseTo(43)
    expect(frame.message).toContain('1/10')
    socket.ws.close()
  })
})

describe('modes', () => {
  it('manual: stays in waiting_payment until advanced', async () => {
    sim = await startSim({ speed: 1000 })
    const channel = sim.createChannel({ mode: 'manual' })
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(sim.app.store.get(channel.channelId)?.status).toBe('pending')
    expect(sim.app.store.get(channel.channelId)?.txHash).toBeNull()
    const { body } = await json(sim, `/__sim/channels/${channel.channelId}/advance`, { body: {} })
    expect(body.channel).toMatchObject({ detailedStatus: 'payment_detected' })
    const jumped = await json(sim, `/__sim/channels/${channel.channelId}/advance`, { body: { to: 'creating_account' } })
    expect(jumped.body.channel).toMatchObject({ detailedStatus: 'creating_account', status: 'confirmed' })
  })

  it('await-payment: waits, then plays the rest by itself once a payment is reported', async () => {
    sim = await startSim({ speed: 400 })
    const channel = sim.createChannel({ mode: 'await-payment', currency: 'SOL' })
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(sim.app.store.get(channel.channelId)?.txHash).toBeNull()
    await json(sim, '/api/onboarding/payment/verify-transaction', { body: { channelId: channel.channelId, txHash: '12'.repeat(32) } })
    await waitFor(() => sim?.app.store.get(channel.channelId)?.status === 'completed', 3000)
  })

  it('outcome failed: ends in failed after the account step', async () => {
    sim = await startSim()
    const channel = sim.createChannel({ outcome: 'failed' })
    const { socket } = await subscribed(sim, channel.channelId)
    sim.app.store.advance(channel.channelId, 'completed')
    expect(await socket.next((f) => f.status === 'failed')).toMatchObject({ progress: 0 })
    socket.ws.close()
  })

  it('an expired channel reports expired and never moves', async () => {
    sim = await startSim({ speed: 1000 })
    const channel = sim.createChannel({ expired: true, mode: 'auto' })
    const { socket, first } = await subscribed(sim, channel.channelId)
    expect(first).toMatchObject({ status: 'expired', progress: 0 })
    expect((first.channel as Frame).isExpired).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 80))
    expect(sim.app.store.get(channel.channelId)?.txHash).toBeNull()
    socket.ws.close()
  })
})
