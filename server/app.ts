/**
 * The simulator without a listening socket: store, faults, socket hub, REST and admin routes
 * wired together. `createSimulator` binds it to its own port; the Vite plugin mounts it on the
 * dev server.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import { createAdminRoutes, ADMIN_PREFIX } from './admin.js'
import { createChannelStore, type ChannelStore } from './channelStore.js'
import { DEFAULT_FAULT_TIMINGS, type FaultTimings } from './faultHooks.js'
import { createFaultRegistry, type FaultRegistry } from './faultRegistry.js'
import type { FaultName } from './faultTable.js'
import { answerPreflight, applyCors, pathOf } from './http.js'
import { createLog, type SimLog } from './log.js'
import { createRestRoutes, API_PREFIX } from './rest.js'
import { createSocketHub, type SocketHub } from './socketHub.js'
import { detailedStatus } from './wire.js'

/** Everything about the simulator's behaviour. Every field is optional. */
export interface SimulatorAppOptions extends Partial<FaultTimings> {
  /**
   * Time scale of channel timelines: 1 plays a demo in about 22 s; tests use 20 to 100.
   * @default 1
   */
  speed?: number
  /**
   * Period of the status_update every subscribed channel gets. Tests shorten it.
   * @default 10000 (production)
   */
  statusIntervalMs?: number
  /**
   * Delay between a socket's open and its welcome frame.
   * @default 150 (production)
   */
  welcomeDelayMs?: number
  /**
   * A global fault in force from the start (the CLI's `--fault`).
   * @default null
   */
  fault?: FaultName | null
  /**
   * Print no log lines (entries are still kept for `GET /__sim/log`).
   * @default false
   */
  quiet?: boolean
  /**
   * Where log lines go.
   * @default console.log
   */
  write?: (line: string) => void
  /**
   * Log entries kept in memory.
   * @default 20000
   */
  maxLogEntries?: number
}

export interface SimulatorApp {
  /** Answers `/api/onboarding/...` and `/__sim/...` (true), or leaves the request alone (false). */
  handleRequest(req: IncomingMessage, res: ServerResponse): boolean
  /** Takes an upgrade for `/ws/payment-monitor` (true), or leaves it alone (false). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean
  readonly store: ChannelStore
  readonly faults: FaultRegistry
  readonly log: SimLog
  readonly sockets: SocketHub
  /** Ends every socket and timer. Idempotent. */
  close(): Promise<void>
}

/** Builds the simulator's request and upgrade handlers. Starts no timer until used. */
export function createSimulatorApp(options: SimulatorAppOptions = {}): SimulatorApp {
  const timings: FaultTimings = {
    cutAfterWelcomeMs: options.cutAfterWelcomeMs ?? DEFAULT_FAULT_TIMINGS.cutAfterWelcomeMs,
    restartMs: options.restartMs ?? DEFAULT_FAULT_TIMINGS.restartMs,
    slowPollMs: options.slowPollMs ?? DEFAULT_FAULT_TIMINGS.slowPollMs,
    outOfOrderDelayMs: options.outOfOrderDelayMs ?? DEFAULT_FAULT_TIMINGS.outOfOrderDelayMs,
  }
  const log = createLog({
    ...(options.quiet !== undefined ? { quiet: options.quiet } : {}),
    ...(options.write ? { write: options.write } : {}),
    ...(options.maxLogEntries !== undefined ? { maxEntries: options.maxLogEntries } : {}),
  })
  const store = createChannelStore({ speed: options.speed ?? 1 })
  const faults = createFaultRegistry(timings, log)
  const sockets = createSocketHub({
    store,
    faults,
    log,
    timings,
    statusIntervalMs: options.statusIntervalMs ?? 10000,
    welcomeDelayMs: options.welcomeDelayMs ?? 150,
  })
  faults.attach(sockets)
  const rest = createRestRoutes({ store, faults, log, timings })
  const admin = createAdminRoutes({ store, faults, log, connectionCount: sockets.connectionCount })

  // Every change reaches subscribers at once, as the real server's notifyStatusChange does.
  store.onChange((state, previous) => {
    const now = detailedStatus(state)
    const before = previous ? detailedStatus(previous) : null
    if (!previous) {
      const how = `${state.cryptoType} @${state.username} mode=${state.mode}${state.outcome === 'failed' ? ' outcome=failed' : ''}`
      log.add({ kind: 'channel', channelId: state.channelId, detail: `created ${how}` })
    }
    if (!before || before.code !== now.code || previous?.confirmations !== state.confirmations) {
      log.add({ kind: 'status', channelId: state.channelId, status: now.code, detail: now.message })
    }
    sockets.publish(state.channelId)
  })

  if (options.fault) faults.set(options.fault)

  let closed: Promise<void> | null = null

  return {
    handleRequest(req, res) {
      const path = pathOf(req)
      if (!path.startsWith(API_PREFIX) && !path.startsWith(ADMIN_PREFIX)) return false
      if (req.method === 'OPTIONS') {
        answerPreflight(req, res)
        return true
      }
      applyCors(req, res)
      return rest.handle(req, res, path) || admin.handle(req, res, path)
    },
    handleUpgrade: (req, socket, head) => sockets.handleUpgrade(req, socket, head),
    store,
    faults,
    log,
    sockets,
    close() {
      closed ??= (async () => {
        store.close()
        faults.close()
        rest.close()
        await sockets.close()
      })()
      return closed
    },
  }
}
