/** The admin routes under /__sim/ and the structured event log. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Simulator } from '../../server/simulator'
import { json, startSim, subscribed, waitFor } from './helpers'

let sim: Simulator
beforeEach(async () => {
  sim = await startSim()
})
afterEach(() => sim.close())

describe('channels', () => {
  it('POST /__sim/demo creates a channel that plays the whole timeline', async () => {
    await sim.close()
    sim = await startSim({ speed: 400 })
    const { status, body } = await json(sim, '/__sim/demo', { body: {} })
    expect(status).toBe(201)
    expect(body.channelId).toMatch(/^[0-9a-f]{32}$/)
    const id = body.channelId as string
    await waitFor(async () => (await json(sim, `/__sim/channels/${id}`)).body.channel, 500)
    await waitFor(() => sim.app.store.get(id)?.status === 'completed', 3000)
  })

  it('POST /__sim/channels creates with options; GET /__sim/channels/:id reads it', async () => {
    const created = await json(sim, '/__sim/channels', { body: { currency: 'BNB', username: 'erin', mode: 'manual' } })
    expect(created.status).toBe(201)
    const id = created.body.channelId as string
    const read = await json(sim, `/__sim/channels/${id}`)
    expect(read.body.channel).toMatchObject({ channelId: id, cryptoType: 'BNB', username: 'erin', mode: 'manual', detailedStatus: 'waiting_payment' })
    expect((await json(sim, '/__sim/channels')).body.channels).toHaveLength(1)
  })

  it('refuses bad channel options with 400 and answers 404 for an unknown channel', async () => {
    expect((await json(sim, '/__sim/channels', { body: { currency: 'DOGE' } })).status).toBe(400)
    expect((await json(sim, '/__sim/channels', { body: { mode: 'fast' } })).status).toBe(400)
    expect((await json(sim, '/__sim/channels', { body: { username: '<b>' } })).status).toBe(400)
    expect((await json(sim, `/__sim/channels/${'0'.repeat(32)}`)).status).toBe(404)
    expect((await json(sim, `/__sim/channels/${'0'.repeat(32)}/advance`, { body: {} })).status).toBe(404)
    const id = sim.createChannel().channelId
    expect((await json(sim, `/__sim/channels/${id}/advance`, { body: { to: 'moon' } })).status).toBe(400)
  })

  it('advance to expired and to failed', async () => {
    const a = sim.createChannel().channelId
    expect((await json(sim, `/__sim/channels/${a}/advance`, { body: { to: 'expired' } })).body.channel).toMatchObject({ detailedStatus: 'expired', isExpired: true })
    const b = sim.createChannel().channelId
    expect((await json(sim, `/__sim/channels/${b}/advance`, { body: { to: 'failed' } })).body.channel).toMatchObject({ detailedStatus: 'failed', status: 'failed' })
  })
})

describe('faults endpoint', () => {
  it('GET lists every fault; POST sets and clears, globally and per channel', async () => {
    const listed = await json(sim, '/__sim/faults')
    expect(listed.body).toMatchObject({ global: null, channels: {} })
    const names = (listed.body.available as Array<{ name: string }>).map((f) => f.name)
    expect(names).toEqual([
      'refuse-upgrade',
      'cut-after-welcome',
      'hang-handshake',
      'silent',
      'restart',
      'malformed-frames',
      'slow-poll',
      'poll-5xx',
      'mute-status',
      'poll-503-then-ok',
      'unknown-channel',
      'expired',
      'out-of-order-polls',
    ])
    expect((await json(sim, '/__sim/faults', { body: { fault: 'slow-poll' } })).body).toMatchObject({ global: 'slow-poll' })
    const id = 'a'.repeat(32)
    expect((await json(sim, '/__sim/faults', { body: { fault: 'expired', channelId: id } })).body).toMatchObject({ channels: { [id]: 'expired' } })
    expect((await json(sim, '/__sim/faults', { body: { fault: null } })).body).toMatchObject({ global: null, channels: { [id]: 'expired' } })
    expect((await json(sim, '/__sim/faults', { body: { fault: null, channelId: id } })).body).toMatchObject({ channels: {} })
  })

  it('refuses unknown faults, global-only faults for a channel, and bodies without fault', async () => {
    expect((await json(sim, '/__sim/faults', { body: { fault: 'meteor' } })).status).toBe(400)
    expect((await json(sim, '/__sim/faults', { body: { fault: 'refuse-upgrade', channelId: 'a'.repeat(32) } })).status).toBe(400)
    expect((await json(sim, '/__sim/faults', { body: {} })).status).toBe(400)
    expect((await json(sim, '/__sim/faults', { body: '[1]' })).status).toBe(400)
  })

  it('is never reachable through the socket URL', async () => {
    // Faults are set by the admin endpoint or the CLI only, never by a query parameter.
    const { socket } = await subscribed(sim, sim.createChannel().channelId)
    expect(sim.app.faults.snapshot().global).toBeNull()
    socket.ws.close()
  })
})

describe('guards', () => {
  it('refuses a page on a foreign origin', async () => {
    const { status } = await json(sim, '/__sim/faults', { body: { fault: 'silent' }, headers: { Origin: 'https://evil.example' } })
    expect(status).toBe(403)
    expect(sim.app.faults.snapshot().global).toBeNull()
  })

  it('answers a loopback page, with CORS', async () => {
    const { status, headers } = await json(sim, '/__sim/faults', { headers: { Origin: 'http://localhost:5173' } })
    expect(status).toBe(200)
    expect(headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
  })

  it('answers 404 for an unknown admin route', async () => {
    expect((await json(sim, '/__sim/nothing')).status).toBe(404)
  })
})

describe('GET /__sim/log', () => {
  it('records connection events in order, with close codes and their meaning', async () => {
    const channel = sim.createChannel()
    const { socket } = await subscribed(sim, channel.channelId)
    socket.ws.close(1000)
    await socket.closed
    await waitFor(() => sim.app.log.entries().some((e) => e.kind === 'close'))
    const { body } = await json(sim, '/__sim/log')
    const entries = body.entries as Array<Record<string, unknown>>
    const connId = entries.find((e) => e.kind === 'open')?.connectionId
    const kinds = entries.filter((e) => e.connectionId === connId).map((e) => e.kind)
    expect(kinds).toEqual(['open', 'welcome', 'subscribe', 'close'])
    expect(entries.find((e) => e.kind === 'close')).toMatchObject({ code: 1000, meaning: 'Normal closure', detail: expect.stringMatching(/after \d+ ms/) })
    for (const entry of entries) {
      expect(entry).toMatchObject({ seq: expect.any(Number), time: expect.any(String), kind: expect.any(String) })
    }
  })

  it('filters with ?since= and clears with DELETE', async () => {
    sim.createChannel()
    const all = (await json(sim, '/__sim/log')).body.entries as Array<{ seq: number }>
    const last = all.at(-1)?.seq ?? 0
    sim.createChannel()
    const newer = (await json(sim, `/__sim/log?since=${last}`)).body.entries as Array<{ seq: number }>
    expect(newer.length).toBeGreaterThan(0)
    expect(newer.every((e) => e.seq > last)).toBe(true)
    await json(sim, '/__sim/log', { method: 'DELETE' })
    expect((await json(sim, '/__sim/log')).body.entries).toEqual([])
  })

  it('prints one readable line per event unless quiet', async () => {
    const lines: string[] = []
    const loud = await startSim({ quiet: false, write: (line) => lines.push(line) })
    const { socket } = await subscribed(loud, loud.createChannel().channelId)
    socket.ws.close(1000)
    await socket.closed
    await waitFor(() => lines.some((l) => l.includes(' close ')))
    await loud.close()
    expect(lines.find((l) => l.includes(' close '))).toMatch(/^\[sim\] \d\d:\d\d:\d\d\.\d{3} close conn=\w+ code=1000 \(Normal closure\) after \d+ ms$/)
    expect(lines.some((l) => / subscribe conn=\w+ channel=[0-9a-f]{32}$/.test(l))).toBe(true)
  })
})
