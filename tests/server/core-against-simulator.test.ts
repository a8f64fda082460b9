/**
 * The framework-free core against the simulator over real sockets and real HTTP: the two sides of
 * the protocol must agree, frame for frame.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { resolveConfig } from '../../src/core/config'
import { PaymentMonitor } from '../../src/core/machine/monitor'
import type { MonitorSnapshot } from '../../src/core/machine/snapshot'
import type { CreateWebSocket, FetchLike } from '../../src/core/transports/transport'
import type { Simulator } from '../../server/simulator'
import { startSim } from './helpers'

let sim: Simulator | null = null
let monitor: PaymentMonitor | null = null

afterEach(async () => {
  monitor?.stop()
  monitor = null
  await sim?.close()
  sim = null
})

function watch(simulator: Simulator, channelId: string, config: Partial<ReturnType<typeof resolveConfig>> = {}) {
  const createSocket: CreateWebSocket = (url) => new WebSocket(url) as unknown as ReturnType<CreateWebSocket>
  const instance = new PaymentMonitor({
    config: {
      ...resolveConfig({ VITE_PAYMENT_WS_URL: simulator.wsUrl, VITE_PAYMENT_API_URL: simulator.url }),
      pollIntervalMs: 200,
      connectTimeoutMs: 1000,
      reconnectBaseMs: 300,
      reconnectMaxMs: 1000,
      ...config,
    },
    createSocket,
    fetch: fetch as unknown as FetchLike,
  })
  monitor = instance
  const seen: MonitorSnapshot[] = []
  instance.subscribe((s) => seen.push(s))
  instance.start(channelId)
  return { instance, seen }
}

/** Resolves when `predicate` holds for the monitor's snapshot; bounded. */
function until(instance: PaymentMonitor, predicate: (s: MonitorSnapshot) => boolean, timeoutMs = 10000): Promise<MonitorSnapshot> {
  return new Promise((resolve, reject) => {
    if (predicate(instance.getSnapshot())) return resolve(instance.getSnapshot())
    const timer = setTimeout(() => {
      stop()
      reject(new Error(`timed out; last state ${instance.getSnapshot().state}, status ${instance.getSnapshot().status?.code}`))
    }, timeoutMs)
    const stop = instance.subscribe((s) => {
      if (!predicate(s)) return
      clearTimeout(timer)
      stop()
      resolve(s)
    })
  })
}

const codesSeen = (seen: MonitorSnapshot[]) => [...new Set(seen.map((s) => s.status?.code).filter(Boolean))]

describe('core against the simulator', () => {
  it('follows a payment to completed over the socket, every step shown', async () => {
    sim = await startSim({ speed: 40, statusIntervalMs: 500 })
    const channel = sim.createChannel({ currency: 'BNB', mode: 'manual' })
    const { instance, seen } = watch(sim, channel.channelId)
    await until(instance, (s) => s.state === 'open' && s.status?.code === 'waiting_payment')
    // One step at a time, each seen before the next, so a loaded machine cannot skip one.
    for (let step = 0; step < 20; step++) {
      const before = instance.getSnapshot().status
      sim.app.store.advance(channel.channelId)
      const after = await until(instance, (s) => s.status?.code !== before?.code || s.status?.confirmations !== before?.confirmations)
      if (after.status?.code === 'completed') break
    }
    const done = instance.getSnapshot()
    expect({ state: done.state, transport: done.transport, lastCloseCode: done.lastCloseCode, wsAttempts: done.wsAttempts }).toEqual({ state: 'idle', transport: 'none', lastCloseCode: null, wsAttempts: 1 })
    expect(done.status).toMatchObject({ currency: 'BNB', confirmationsRequired: 3 })
    expect(codesSeen(seen)).toEqual(['waiting_payment', 'payment_detected', 'confirming', 'creating_account', 'completed'])
    expect(done.counters.invalidFrames).toBe(0)
  })

  it('survives the production flap (1006 after the welcome) by polling to completed', async () => {
    sim = await startSim({ speed: 40, statusIntervalMs: 500, fault: 'cut-after-welcome' })
    const channel = sim.createChannel({ currency: 'SOL', mode: 'auto' })
    const { instance } = watch(sim, channel.channelId)
    await until(instance, (s) => s.state === 'polling')
    const done = await until(instance, (s) => s.status?.code === 'completed')
    expect(done.lastCloseCode).toBe(1006)
    expect(done.attempts.some((a) => a.welcomeMs !== null && a.closeCode === 1006 && a.closedBy === 'network')).toBe(true)
  })

  it('drops hostile frames and still shows the truth', async () => {
    sim = await startSim({ speed: 40, statusIntervalMs: 500, fault: 'malformed-frames' })
    const channel = sim.createChannel({ currency: 'ETH', mode: 'auto' })
    const { instance } = watch(sim, channel.channelId)
    const done = await until(instance, (s) => s.status?.code === 'completed')
    expect(done.counters.invalidFrames).toBeGreaterThan(0)
    expect(done.events.some((e) => e.kind === 'invalid')).toBe(true)
  })

  it('settles an unknown channel as not found', async () => {
    sim = await startSim()
    const { instance } = watch(sim, 'ffffffffffffffffffffffffffffffff')
    const settled = await until(instance, (s) => s.notFound)
    expect({ state: settled.state, failureReason: settled.failureReason, transport: settled.transport, events: settled.events.map((e) => e.message) }).toMatchObject({ state: 'failed', failureReason: 'not_found', transport: 'none' })
  })

  it('catches a silent socket with the heartbeat and recovers', async () => {
    sim = await startSim({ speed: 40, statusIntervalMs: 500 })
    const channel = sim.createChannel({ currency: 'BTC', mode: 'manual' })
    const { instance } = watch(sim, channel.channelId, { heartbeatIntervalMs: 300, heartbeatTimeoutMs: 300 })
    await until(instance, (s) => s.state === 'open')
    sim.app.faults.set('silent')
    await until(instance, (s) => s.attempts.some((a) => a.clientReason === 'heartbeat timeout'))
    sim.app.faults.set(null)
    sim.app.store.advance(channel.channelId, 'completed')
    const done = await until(instance, (s) => s.status?.code === 'completed')
    expect(done.state).toBe('idle')
  })

  it('after a restart (1012) comes back on the socket inside its window without a single poll', async () => {
    sim = await startSim({ speed: 40, statusIntervalMs: 500, restartMs: 300 })
    const channel = sim.createChannel({ currency: 'BTC', mode: 'manual' })
    const { instance } = watch(sim, channel.channelId, { restartReconnectWindowMs: [400, 900] })
    await until(instance, (s) => s.state === 'open')
    const pollsBefore = instance.getSnapshot().counters.polls
    const attemptsBefore = instance.getSnapshot().wsAttempts
    sim.app.faults.set('restart')
    await until(instance, (s) => s.lastCloseCode === 1012)
    expect(instance.getSnapshot().state).toBe('connecting')
    const back = await until(instance, (s) => s.state === 'open' && s.wsAttempts > attemptsBefore)
    expect(back.counters.polls).toBe(pollsBefore)
    expect(back.lastCloseCode).toBe(1012)
  })
})
