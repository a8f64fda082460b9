/**
 * The simulator's own control routes under `/__sim/`: faults, channels, the demo, the event log.
 * They exist only in the simulator and answer loopback clients (and loopback page origins) only.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { CURRENCIES, type Currency } from '../src/core/protocol/messages.js'
import { CHANNEL_MODES, type ChannelMode, type ChannelState } from './channelState.js'
import type { ChannelStore, CreateChannelOptions } from './channelStore.js'
import { FaultError, type FaultRegistry } from './faultRegistry.js'
import { FAULTS, FAULT_NAMES, isFaultName } from './faultTable.js'
import { BodyError, isLoopbackAddress, isLoopbackOrigin, isRecord, queryOf, readJsonBody, sendJson } from './http.js'
import type { SimLog } from './log.js'
import { ADVANCE_TARGETS, type AdvanceTarget } from './paymentTimeline.js'
import { USERNAME } from './validation.js'
import { detailedStatus, pollChannel } from './wire.js'

export const ADMIN_PREFIX = '/__sim/'

export interface AdminOptions {
  store: ChannelStore
  faults: FaultRegistry
  log: SimLog
  /** Open sockets, for `GET /__sim/faults` and the health line. */
  connectionCount(): number
}

export interface AdminRoutes {
  /** Answers a request under `/__sim/` (true), or leaves it alone (false). */
  handle(req: IncomingMessage, res: ServerResponse, path: string): boolean
}

class BadRequest extends Error {}

function field<T extends string>(body: Record<string, unknown>, name: string, allowed: readonly T[]): T | undefined {
  const value = body[name]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new BadRequest(`${name} must be one of: ${allowed.join(', ')}`)
  }
  return value as T
}

/** Channel options from an untrusted admin body. */
function channelOptions(body: Record<string, unknown>): CreateChannelOptions {
  const options: CreateChannelOptions = {}
  const currency = field<Currency>(body, 'currency', CURRENCIES)
  if (currency) options.currency = currency
  const mode = field<ChannelMode>(body, 'mode', CHANNEL_MODES)
  if (mode) options.mode = mode
  if (body.username !== undefined) {
    if (typeof body.username !== 'string' || !USERNAME.test(body.username)) {
      throw new BadRequest('username must be a HIVE name, 3 to 16 characters')
    }
    options.username = body.username
  }
  if (body.expired !== undefined) options.expired = body.expired === true
  const outcome = field<'completed' | 'failed'>(body, 'outcome', ['completed', 'failed'])
  if (outcome) options.outcome = outcome
  if (body.memo !== undefined) {
    if (body.memo !== null && (typeof body.memo !== 'string' || body.memo.length > 64)) {
      throw new BadRequest('memo must be a string of at most 64 characters, or null')
    }
    options.memo = body.memo
  }
  return options
}

/** A channel for the admin answers: the poll shape plus what only the simulator knows. */
function describe(state: ChannelState) {
  return {
    ...pollChannel(state),
    detailedStatus: detailedStatus(state).code,
    mode: state.mode,
    outcome: state.outcome,
    version: state.version,
  }
}

/** Creates the admin routes. */
export function createAdminRoutes(options: AdminOptions): AdminRoutes {
  const { store, faults, log } = options

  function faultState() {
    return {
      success: true,
      ...faults.snapshot(),
      connections: options.connectionCount(),
      available: FAULT_NAMES.map((name) => ({ name, summary: FAULTS[name].summary, globalOnly: FAULTS[name].globalOnly })),
    }
  }

  async function setFault(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJsonBody(req)
    if (!isRecord(body) || !('fault' in body)) throw new BadRequest('Body must be {"fault": name | null, "channelId"?: id}')
    const name = body.fault
    if (name !== null && !isFaultName(name)) {
      throw new BadRequest(`Unknown fault. Known: ${FAULT_NAMES.join(', ')}`)
    }
    const channelId = body.channelId
    if (channelId !== undefined && channelId !== null && (typeof channelId !== 'string' || channelId.length > 128)) {
      throw new BadRequest('channelId must be a string')
    }
    const durationMs = body.durationMs
    if (durationMs !== undefined && (typeof durationMs !== 'number' || !(durationMs >= 0 && durationMs <= 600_000))) {
      throw new BadRequest('durationMs must be a number of milliseconds, at most 600000')
    }
    faults.set(name, { channelId: channelId ?? null, ...(typeof durationMs === 'number' ? { durationMs } : {}) })
    sendJson(res, 200, faultState())
  }

  async function createChannel(req: IncomingMessage, res: ServerResponse, defaults: CreateChannelOptions): Promise<void> {
    const body = await readJsonBody(req)
    const state = store.create({ ...defaults, ...channelOptions(isRecord(body) ? body : {}) })
    sendJson(res, 201, { success: true, channelId: state.channelId, channel: describe(state) })
  }

  async function advance(req: IncomingMessage, res: ServerResponse, channelId: string): Promise<void> {
    const body = await readJsonBody(req)
    const to = field<AdvanceTarget>(isRecord(body) ? body : {}, 'to', ADVANCE_TARGETS)
    const state = store.advance(channelId, to)
    if (!state) return sendJson(res, 404, { success: false, error: 'Payment channel not found' })
    sendJson(res, 200, { success: true, channelId, channel: describe(state) })
  }

  function run(res: ServerResponse, route: () => Promise<void>): void {
    route().catch((error: unknown) => {
      if (error instanceof BodyError) sendJson(res, error.status, { success: false, error: error.message })
      else if (error instanceof BadRequest || error instanceof FaultError) {
        sendJson(res, 400, { success: false, error: error.message })
      } else sendJson(res, 500, { success: false, error: 'Internal server error' })
    })
  }

  function route(req: IncomingMessage, res: ServerResponse, path: string): void {
    const method = req.method ?? 'GET'
    const channelMatch = /^\/__sim\/channels\/([a-zA-Z0-9_-]{1,128})(\/advance)?$/.exec(path)
    if (path === '/__sim/faults' && method === 'GET') return sendJson(res, 200, faultState())
    if (path === '/__sim/faults' && method === 'POST') return run(res, () => setFault(req, res))
    if (path === '/__sim/demo' && method === 'POST') return run(res, () => createChannel(req, res, { mode: 'auto' }))
    if (path === '/__sim/channels' && method === 'POST') return run(res, () => createChannel(req, res, { mode: 'manual' }))
    if (path === '/__sim/channels' && method === 'GET') {
      return sendJson(res, 200, { success: true, channels: store.list().map(describe) })
    }
    if (channelMatch && !channelMatch[2] && method === 'GET') {
      const state = store.get(channelMatch[1] as string)
      if (!state) return sendJson(res, 404, { success: false, error: 'Payment channel not found' })
      return sendJson(res, 200, { success: true, channel: describe(state) })
    }
    if (channelMatch && channelMatch[2] && method === 'POST') {
      return run(res, () => advance(req, res, channelMatch[1] as string))
    }
    if (path === '/__sim/log' && method === 'GET') {
      const since = Number(queryOf(req).get('since') ?? 0)
      return sendJson(res, 200, { success: true, entries: log.entries(Number.isFinite(since) ? since : 0) })
    }
    if (path === '/__sim/log' && method === 'DELETE') {
      log.clear()
      return sendJson(res, 200, { success: true })
    }
    sendJson(res, 404, { success: false, error: 'Not found' })
  }

  return {
    handle(req, res, path) {
      if (!path.startsWith(ADMIN_PREFIX)) return false
      // Loopback only, and never from a page on another origin: a site the developer visits must
      // not be able to drive the simulator through the browser.
      const origin = req.headers.origin
      if (!isLoopbackAddress(req.socket.remoteAddress) || (origin !== undefined && !isLoopbackOrigin(origin))) {
        sendJson(res, 403, { success: false, error: 'Simulator admin routes answer loopback clients only' })
        return true
      }
      route(req, res, path)
      return true
    },
  }
}
