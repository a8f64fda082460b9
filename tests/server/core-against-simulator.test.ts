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
  it('follows a payment to completed over the socket', async () => {
    sim = await startSim({ speed: 40, statusIntervalMs: 500 })
    const channel = sim.createChannel({ currency: 'BNB', mode: 'auto' })
    const { instance, seen } = watch(sim, channel.channelId)
    await until(instance, (s) => s.state === 'open')
    const done = await until(instance, (s) => s.status?.code === 'completed')
    expect({ state: done.state, transport: done.transport, lastCloseCode: done.lastCloseCode, wsAttempts: done.wsAttempts, events: done.events.map((e) => e.message) }).toMatchObject({ state: "idle", transport: "none", lastCloseCode: null, wsAttempts: 1 })
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
})
