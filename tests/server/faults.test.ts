/** Every fault's observable effect, through the admin endpoint, a real `ws` client and real fetch. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { XSS_MESSAGE } from '../../server/faultTable'
import type { Simulator } from '../../server/simulator'
import { attemptUpgrade, json, openSocket, setFault, startSim, subscribed, waitFor, welcomed, type Frame } from './helpers'

let sim: Simulator
beforeEach(async () => {
  sim = await startSim({ slowPollMs: 300, outOfOrderDelayMs: 200, restartMs: 300, statusIntervalMs: 100 })
})
afterEach(() => sim.close())

const statusPath = (id: string) => `/api/onboarding/payment/status/${id}`

describe('upgrade faults (global only)', () => {
  it('refuse-upgrade: 502 before the upgrade, until cleared', async () => {
    await setFault(sim, 'refuse-upgrade')
    expect(await attemptUpgrade(sim.wsUrl)).toBe(502)
    await setFault(sim, null)
    expect(await attemptUpgrade(sim.wsUrl)).toBe('open')
  })

  it('hang-handshake: the upgrade is never answered', async () => {
    await setFault(sim, 'hang-handshake')
    expect(await attemptUpgrade(sim.wsUrl, {}, 300)).toBe('hang')
    expect(sim.app.log.entries().some((e) => e.kind === 'hang')).toBe(true)
    await setFault(sim, null)
    expect(await attemptUpgrade(sim.wsUrl)).toBe('open')
  })

  it('restart: open sockets close with 1012, upgrades get 503, then it heals by itself', async () => {
    const socket = await welcomed(sim)
    await setFault(sim, 'restart')
    expect((await socket.closed).code).toBe(1012)
    expect(await attemptUpgrade(sim.wsUrl)).toBe(503)
    await waitFor(() => sim.app.faults.snapshot().global === null, 2000)
    expect(sim.app.log.entries().some((e) => e.kind === 'heal' && e.fault === 'restart')).toBe(true)
    expect(await attemptUpgrade(sim.wsUrl)).toBe('open')
  })

  it('restart: durationMs in the admin body sets how long it lasts', async () => {
    await json(sim, '/__sim/faults', { body: { fault: 'restart', durationMs: 50 } })
    await waitFor(() => sim.app.faults.snapshot().global === null, 1000)
  })
})

describe('cut-after-welcome', () => {
  it('globally: the welcome arrives, then the socket dies without a close frame (1006)', async () => {
    await setFault(sim, 'cut-after-welcome')
    const socket = await openSocket(sim.wsUrl)
    await socket.next((f) => f.type === 'connected')
    const start = Date.now()
    expect((await socket.closed).code).toBe(1006)
    expect(Date.now() - start).toBeLessThan(1000)
    await waitFor(() => sim.app.log.entries().some((e) => e.kind === 'close' && e.code === 1006))
  })

  it('per channel: the cut follows the subscribe to that channel only', async () => {
    const cutChannel = sim.createChannel().channelId
    const fine = sim.createChannel().channelId
    await setFault(sim, 'cut-after-welcome', cutChannel)
    const ok = await subscribed(sim, fine)
    const doomed = await subscribed(sim, cutChannel)
    expect(doomed.first.type).toBe('status_update')
    expect((await doomed.socket.closed).code).toBe(1006)
    ok.socket.send({ type: 'ping' })
    await ok.socket.next((f) => f.type === 'pong')
    ok.socket.ws.close()
  })
})

describe('silent', () => {
  it('welcome, then nothing more, pongs included, while the socket stays open', async () => {
    await setFault(sim, 'silent')
    const socket = await welcomed(sim)
    socket.send({ type: 'ping' })
    socket.send({ type: 'subscribe', channelId: sim.createChannel().channelId })
    await new Promise((resolve) => setTimeout(resolve, 250))
    expect(socket.all.map((f) => (f as Frame).type)).toEqual(['connected'])
    expect(socket.ws.readyState).toBe(socket.ws.OPEN)
    socket.ws.close()
  })

  it('switched on while a socket is open, that socket goes quiet at once', async () => {
    const { socket } = await subscribed(sim, sim.createChannel().channelId)
    await setFault(sim, 'silent')
    const count = socket.all.length
    socket.send({ type: 'ping' })
    await new Promise((resolve) => setTimeout(resolve, 250))
    expect(socket.all.length).toBe(count)
    socket.ws.close()
  })
})

describe('mute-status', () => {
  it('pongs still come, status updates do not: neither the subscribe answer nor the periodic ones; polls still answer', async () => {
    const channel = sim.createChannel()
    await setFault(sim, 'mute-status', channel.channelId)
    const socket = await welcomed(sim)
    socket.send({ type: 'subscribe', channelId: channel.channelId })
    socket.send({ type: 'ping' })
    await socket.next((f) => f.type === 'pong')
    // statusIntervalMs is 100 here: two periods would have published twice.
    await new Promise((resolve) => setTimeout(resolve, 250))
    expect(socket.all.map((f) => (f as Frame).type)).toEqual(['connected', 'pong'])
    expect((await json(sim, statusPath(channel.channelId))).status).toBe(200)
    socket.ws.close()
  })

  it('cleared, the next publish reaches the subscriber again', async () => {
    const channel = sim.createChannel()
    await setFault(sim, 'mute-status', channel.channelId)
    const socket = await welcomed(sim)
    socket.send({ type: 'subscribe', channelId: channel.channelId })
    await new Promise((resolve) => setTimeout(resolve, 150))
    await setFault(sim, null, channel.channelId)
    expect((await socket.next((f) => f.type === 'status_update')).channelId).toBe(channel.channelId)
    socket.ws.close()
  })
})

describe('poll-503-then-ok', () => {
  it('refuses the first three polls of each channel with 503 and Retry-After: 1, then answers', async () => {
    const channel = sim.createChannel()
    const other = sim.createChannel()
    await setFault(sim, 'poll-503-then-ok')
    const poll = async (id: string) => fetch(`${sim.url}${statusPath(id)}`)
    for (let i = 0; i < 3; i++) {
      const response = await poll(channel.channelId)
      expect(response.status).toBe(503)
      expect(response.headers.get('retry-after')).toBe('1')
      await response.text()
    }
    expect((await poll(channel.channelId)).status).toBe(200)
    // Counted per channel: another channel starts with its own three.
    expect((await poll(other.channelId)).status).toBe(503)
  })

  it('switched on again, it counts from zero', async () => {
    const channel = sim.createChannel()
    await setFault(sim, 'poll-503-then-ok', channel.channelId)
    for (let i = 0; i < 3; i++) await (await fetch(`${sim.url}${statusPath(channel.channelId)}`)).text()
    await setFault(sim, 'poll-503-then-ok', channel.channelId)
    expect((await fetch(`${sim.url}${statusPath(channel.channelId)}`)).status).toBe(503)
  })
})

describe('malformed-frames', () => {
  it('sends junk after the subscribe answer, and HTML in every status_update', async () => {
    const channel = sim.createChannel()
    await setFault(sim, 'malformed-frames', channel.channelId)
    const { socket, first } = await subscribed(sim, channel.channelId)
    expect(first.message).toBe(XSS_MESSAGE)
    expect(first.details).toMatch(/<script>/)
    const big = await socket.next((f) => typeof f.message === 'string' && f.message.length > 256 * 1024)
    expect(big.channelId).toBe(channel.channelId)
    await waitFor(() => socket.all.some((f) => Buffer.isBuffer(f)), 2000)
    const raw = socket.all
    expect(raw).toContain('not json at all')
    expect(raw).toContain('{"type":"status_update","channelId":')
    expect(raw.some((f) => Buffer.isBuffer(f))).toBe(true)
    const parsed = raw.filter((f): f is Frame => typeof f === 'object' && !Buffer.isBuffer(f))
    expect(parsed.some((f) => f.type === 'totally_unknown_type')).toBe(true)
    expect(parsed.some((f) => f.type === 'status_update' && typeof f.channelId === 'number')).toBe(true)
    expect(parsed.some((f) => f.type === 'status_update' && f.progress === 'half')).toBe(true)
    socket.ws.close()
  })
})

describe('poll faults', () => {
  it('slow-poll: the status answer is held back', async () => {
    const channel = sim.createChannel()
    await setFault(sim, 'slow-poll')
    const start = Date.now()
    const { status } = await json(sim, statusPath(channel.channelId))
    expect(status).toBe(200)
    expect(Date.now() - start).toBeGreaterThanOrEqual(280)
  })

  it('poll-5xx: 503 with an HTML body, Retry-After: 2, and readable CORS headers', async () => {
    const channel = sim.createChannel()
    await setFault(sim, 'poll-5xx', channel.channelId)
    const response = await fetch(`${sim.url}${statusPath(channel.channelId)}`, { headers: { Origin: 'http://localhost:5173' } })
    expect(response.status).toBe(503)
    expect(response.headers.get('retry-after')).toBe('2')
    expect(response.headers.get('content-type')).toContain('text/html')
    expect(response.headers.get('access-control-expose-headers')).toContain('Retry-After')
    expect(await response.text()).toContain('<html>')
    // Another channel is untouched.
    expect((await json(sim, statusPath(sim.createChannel().channelId))).status).toBe(200)
  })

  it('unknown-channel: 404 on the poll and "Payment channel not found" on the socket', async () => {
    const channel = sim.createChannel()
    await setFault(sim, 'unknown-channel')
    const { status, body } = await json(sim, statusPath(channel.channelId))
    expect(status).toBe(404)
    expect(body).toEqual({ success: false, error: 'Payment channel not found' })
    const { socket, first } = await subscribed(sim, channel.channelId)
    expect(first).toMatchObject({ type: 'error', message: 'Payment channel not found', channelId: channel.channelId })
    socket.ws.close()
  })

  it('expired: the poll says pending + isExpired and the socket says expired', async () => {
    const channel = sim.createChannel()
    await setFault(sim, 'expired', channel.channelId)
    const { body } = await json(sim, statusPath(channel.channelId))
    expect(body.channel).toMatchObject({ status: 'pending', isExpired: true, timeLeft: 0 })
    const { socket, first } = await subscribed(sim, channel.channelId)
    expect(first).toMatchObject({ status: 'expired', progress: 0 })
    socket.ws.close()
  })

  it('out-of-order-polls: the answer carries an older snapshot and lands after newer socket updates', async () => {
    const channel = sim.createChannel()
    sim.app.store.advance(channel.channelId) // payment_detected; the snapshot before is waiting
    const { socket } = await subscribed(sim, channel.channelId)
    await setFault(sim, 'out-of-order-polls')
    const poll = json(sim, statusPath(channel.channelId)).then((r) => ({ ...r, at: Date.now() }))
    sim.app.store.advance(channel.channelId) // confirming
    const newer = await socket.next((f) => f.status === 'confirming')
    const socketAt = Date.now()
    const answer = await poll
    expect(newer.status).toBe('confirming')
    expect(answer.at).toBeGreaterThanOrEqual(socketAt)
    // Whichever older snapshot it took (waiting or detected), it predates the socket's confirming.
    expect(answer.body.channel).toMatchObject({ status: 'pending' })
    socket.ws.close()
  })
})

describe('--fault at start', () => {
  it('starts with the fault in force', async () => {
    const faulty = await startSim({ fault: 'refuse-upgrade' })
    expect(await attemptUpgrade(faulty.wsUrl)).toBe(502)
    await faulty.close()
  })
})
