/**
 * Reconnect storm: N clients in this Node process against one simulator (a child process, so the
 * server has its own event loop and the clients' work does not slow it), all on an open socket,
 * when the server restarts (`restart` fault: every socket closed with 1012, upgrades refused with
 * 503 for `restartMs`, then healed).
 *
 * The app's clients run the framework-free core unchanged (`PaymentMonitor` with `ws` as the
 * socket, Node's fetch, the system clock). The baseline's clients run the very same baseline.js
 * the baseline page runs, given `ws`, Node's fetch and Node's timers: its fixed reconnect delays
 * are exercised as written, not modelled.
 */
import WebSocket from 'ws'
import type { SimLogEntry } from '../server/log'
import { DEFAULTS, type MonitorConfig } from '../src/core/config'
import { PaymentMonitor } from '../src/core/machine/monitor'
import type { FetchLike, WebSocketLike } from '../src/core/transports/transport'
import { startSimulator, type Simulator } from '../tools/processes/simulator'
import { createBaselineClient, type BaselineSocket } from './baseline/baseline.js'
import type { ClientKind } from './site'
import { sleep } from './stats'

export interface StormOptions {
  clients: number
  /** How long the restart refuses upgrades. @default 3000 (the simulator's default) */
  restartMs: number
  /** Give up waiting for everyone to be back after this long. */
  windowMs: number
}

export interface StormResult {
  clients: number
  restartMs: number
  /** The app's restart reconnect window (ms after the close) in this run; absent for the baseline. */
  restartWindowMs?: readonly [number, number]
  /** Highest number of socket attempts started within any one second after the restart. */
  peakAttemptsPerSecond: number
  /** Socket attempts from the restart until everyone was back (or the window ended). */
  totalAttempts: number
  /** HTTP requests (polls) in the same span. */
  httpRequests: number
  /** Highest number of HTTP requests within any one second after the restart. */
  peakHttpPerSecond: number
  /** Highest number of socket attempts and HTTP requests together within any one second. */
  peakTotalPerSecond: number
  /** HTTP requests in the first 2 s after the restart (the API restarts with the socket server). */
  httpFirst2s: number
  /**
   * Server side: most connections in their handshake at once, from the upgrade the server
   * accepted (`open` in its log) to its welcome or the connection's end. Null: the log was unreadable.
   */
  peakConcurrentHandshakes: number | null
  /** ms from the restart until half / 90 % / all of the clients were back on a working socket; null: not within the window. */
  backP50Ms: number | null
  backP90Ms: number | null
  allBackMs: number | null
  /** Clients still not back when the window ended. */
  notBack: number
  /** Socket attempts per 500 ms after the restart, for the first 20 s. */
  attemptsPer500ms: number[]
}

interface StormClient {
  /** Epoch ms it was last seen back on a working socket after `since`, or null. */
  backAt: number | null
  isUp(): boolean
  stop(): void
}

interface Counters {
  attempts: number[]
  http: number[]
}

function countingFetch(counters: Counters): typeof fetch {
  return ((input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    counters.http.push(Date.now())
    return fetch(input, { ...init, signal: AbortSignal.timeout(30_000) })
  }) as typeof fetch
}

function countingSocket(counters: Counters, url: string): WebSocket {
  counters.attempts.push(Date.now())
  const ws = new WebSocket(url, { handshakeTimeout: 30_000 })
  return ws
}

function appClient(sim: Simulator, channelId: string, counters: Counters): StormClient {
  const config: MonitorConfig = { ...DEFAULTS, wsUrl: `ws://127.0.0.1:${sim.port}/ws/payment-monitor`, apiUrl: sim.url }
  const monitor = new PaymentMonitor({
    config,
    createSocket: (url) => countingSocket(counters, url) as unknown as WebSocketLike,
    fetch: countingFetch(counters) as unknown as FetchLike,
    storage: null,
  })
  let up = false
  const client: StormClient = {
    backAt: null,
    isUp: () => up,
    stop: () => monitor.stop(),
  }
  monitor.subscribe((snapshot) => {
    const now = snapshot.state === 'open'
    if (now && !up) client.backAt = Date.now()
    up = now
  })
  monitor.start(channelId)
  return client
}

function baselineClient(sim: Simulator, channelId: string, counters: Counters): StormClient {
  let up = false
  let socketOpen = false
  const client: StormClient = { backAt: null, isUp: () => up, stop: () => baseline.stop() }
  const baseline = createBaselineClient({
    wsUrl: `ws://127.0.0.1:${sim.port}/ws/payment-monitor`,
    apiUrl: sim.url,
    channelId,
    createSocket: (url) => countingSocket(counters, url) as unknown as BaselineSocket,
    fetch: countingFetch(counters),
    timers: {
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (id) => clearTimeout(id as NodeJS.Timeout),
      setInterval: (fn, ms) => setInterval(fn, ms),
      clearInterval: (id) => clearInterval(id as NodeJS.Timeout),
    },
    onEvent(type, detail) {
      // "Back" means what it means for the app: a socket that delivered a status.
      if (type === 'open') socketOpen = true
      if (type === 'close') socketOpen = up = false
      if (type === 'status' && detail.source === 'websocket' && socketOpen && !up) {
        up = true
        client.backAt = Date.now()
      }
    },
  })
  baseline.start()
  return client
}

/** Most connections between `open` and `welcome` (or `close`) at once, from the simulator's log. */
export function peakConcurrentHandshakes(entries: readonly SimLogEntry[]): number {
  const inHandshake = new Set<string>()
  let peak = 0
  for (const entry of [...entries].sort((a, b) => a.seq - b.seq)) {
    if (!entry.connectionId) continue
    if (entry.kind === 'open') inHandshake.add(entry.connectionId)
    else if (entry.kind === 'welcome' || entry.kind === 'close' || entry.kind === 'cut') inHandshake.delete(entry.connectionId)
    peak = Math.max(peak, inHandshake.size)
  }
  return peak
}

/** Highest count of timestamps within any window of `spanMs`. */
function peakWithin(times: readonly number[], spanMs: number): number {
  const sorted = [...times].sort((a, b) => a - b)
  let best = 0
  for (let lo = 0, hi = 0; hi < sorted.length; hi += 1) {
    while ((sorted[hi] as number) - (sorted[lo] as number) >= spanMs) lo += 1
    best = Math.max(best, hi - lo + 1)
  }
  return best
}

async function inBatches<T>(count: number, batch: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = []
  for (let i = 0; i < count; i += batch) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(batch, count - i) }, (_, j) => make(i + j)))))
  }
  return out
}

export async function storm(kind: ClientKind, options: StormOptions): Promise<StormResult> {
  const sim = await startSimulator(0, ['--quiet', '--restart-ms', String(options.restartMs)])
  const counters: Counters = { attempts: [], http: [] }
  const clients: StormClient[] = []
  try {
    const channels = await inBatches(options.clients, 25, () => sim.createChannel({ mode: 'manual' }))
    // Staggered start (100 clients per 200 ms): the storm measured is the restart, not the start.
    for (let i = 0; i < channels.length; i += 100) {
      for (const channelId of channels.slice(i, i + 100)) {
        clients.push(kind === 'app' ? appClient(sim, channelId, counters) : baselineClient(sim, channelId, counters))
      }
      await sleep(200)
    }
    const upDeadline = Date.now() + 60_000
    while (clients.some((c) => !c.isUp()) && Date.now() < upDeadline) await sleep(100)
    const upCount = clients.filter((c) => c.isUp()).length
    if (upCount < clients.length) throw new Error(`${kind} storm: only ${upCount}/${clients.length} clients got on the socket`)
    // Past the app's 5 s "stable" mark and the baseline's 5 s start window: a steady crowd.
    await sleep(6500)
    counters.attempts.length = 0
    counters.http.length = 0
    for (const client of clients) client.backAt = null
    const logMark = (await sim.log().catch(() => [])).at(-1)?.seq ?? 0
    const restartAt = Date.now()
    await sim.fault('restart', { durationMs: options.restartMs })
    // Everyone is down once the 1012s have landed; then wait (bounded) until everyone is back.
    await sleep(200)
    const deadline = restartAt + options.windowMs
    while (clients.some((c) => !c.isUp() || c.backAt === null) && Date.now() < deadline) await sleep(100)
    const back = clients.map((c) => (c.backAt !== null && c.isUp() ? c.backAt - restartAt : null))
    const backTimes = back.filter((v): v is number => v !== null).sort((a, b) => a - b)
    const quantile = (q: number): number | null => {
      const need = Math.ceil(q * clients.length)
      return backTimes.length >= need ? (backTimes[need - 1] as number) : null
    }
    const end = backTimes.length === clients.length ? restartAt + (backTimes.at(-1) as number) : Date.now()
    const attempts = counters.attempts.filter((t) => t >= restartAt && t <= end)
    const http = counters.http.filter((t) => t >= restartAt && t <= end)
    const serverLog = await sim.log(logMark).catch(() => null)
    const histogram = Array.from({ length: 40 }, (_, i) =>
      counters.attempts.filter((t) => t >= restartAt + i * 500 && t < restartAt + (i + 1) * 500).length,
    )
    return {
      clients: clients.length,
      restartMs: options.restartMs,
      ...(kind === 'app' ? { restartWindowMs: DEFAULTS.restartReconnectWindowMs } : {}),
      peakAttemptsPerSecond: peakWithin(attempts, 1000),
      totalAttempts: attempts.length,
      httpRequests: http.length,
      peakHttpPerSecond: peakWithin(http, 1000),
      peakTotalPerSecond: peakWithin([...attempts, ...http], 1000),
      httpFirst2s: counters.http.filter((t) => t >= restartAt && t < restartAt + 2000).length,
      peakConcurrentHandshakes: serverLog ? peakConcurrentHandshakes(serverLog) : null,
      backP50Ms: quantile(0.5),
      backP90Ms: quantile(0.9),
      allBackMs: quantile(1),
      notBack: clients.length - backTimes.length,
      attemptsPer500ms: histogram,
    }
  } finally {
    for (const client of clients) client.stop()
    await sleep(300)
    await sim.stop()
  }
}
