/**
 * The payment simulator (server/cli.ts) as a child process, and a small client for its admin
 * endpoints (`/__sim/...`): create a channel, move it along, switch faults, read its event log.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { CreateChannelOptions } from '../../server/channelStore'
import type { AdvanceTarget } from '../../server/paymentTimeline'
import type { FaultRegistry } from '../../server/faultRegistry'
import type { FaultName } from '../../server/faultTable'
import type { SimLogEntry } from '../../server/log'
import { spawnManaged, waitForUrl, waitUntil, type ManagedProcess } from './managed'

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** What `POST /__sim/channels` reads from its body (server/admin.ts). */
export type CreateChannel = Pick<CreateChannelOptions, 'currency' | 'mode' | 'expired' | 'outcome' | 'username' | 'memo'>

/** Where a fault applies and, for a self-healing one, how long it lasts. */
export type FaultScope = NonNullable<Parameters<FaultRegistry['set']>[1]>

export interface Simulator {
  readonly url: string
  readonly port: number
  readonly proc: ManagedProcess
  /** A channel in `manual` mode paying in BTC (two confirmations) unless `options` say otherwise. */
  createChannel(options?: CreateChannel): Promise<string>
  /** One step along the timeline, or straight to `to`. */
  advance(channelId: string, to?: AdvanceTarget): Promise<void>
  /** Switches a fault on, or off with null; globally, or for one channel. */
  fault(fault: FaultName | null, options?: FaultScope): Promise<void>
  log(since?: number): Promise<SimLogEntry[]>
  stop(): Promise<void>
}

const LISTENING = /Payment simulator listening on (http:\/\/127\.0\.0\.1:(\d+))/

async function call(base: string, method: 'GET' | 'POST', route: string, body?: unknown): Promise<unknown> {
  const res = await fetch(new URL(route, base), {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`simulator ${method} ${route} → ${res.status}: ${text.slice(0, 500)}`)
  try {
    return text ? (JSON.parse(text) as unknown) : null
  } catch {
    return text
  }
}

/** The channel id in whatever envelope the admin endpoint answers with. */
function channelIdOf(body: unknown): string {
  const record = (value: unknown): Record<string, unknown> | null =>
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null
  const top = record(body)
  const candidates = [top?.channelId, record(top?.channel)?.channelId, record(top?.payment)?.channelId]
  const id = candidates.find((value): value is string => typeof value === 'string')
  if (!id) throw new Error(`simulator: no channelId in ${JSON.stringify(body).slice(0, 300)}`)
  return id
}

/**
 * Starts the simulator on 127.0.0.1:`port` (0: an ephemeral one) and waits until it answers.
 * Run with Node's own loader hook (`--import tsx`), so the PID is the server itself.
 */
export async function startSimulator(port = 0, extraArgs: readonly string[] = []): Promise<Simulator> {
  const proc = spawnManaged('simulator', process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'server/cli.ts'), '--port', String(port), ...extraArgs], {
    cwd: REPO_ROOT,
  })
  let url = ''
  try {
    await waitUntil('the simulator to print its URL', () => {
      if (proc.child.exitCode !== null) throw new Error(`simulator exited:\n${proc.output()}`)
      const match = LISTENING.exec(proc.output())
      if (match?.[1]) url = match[1]
      return url !== ''
    }, { timeoutMs: 30_000 })
    await waitForUrl(`${url}/__sim/log`, proc)
  } catch (error) {
    await proc.stop()
    throw error
  }
  const actualPort = Number(new URL(url).port)
  return {
    url,
    port: actualPort,
    proc,
    async createChannel(options = {}) {
      return channelIdOf(await call(url, 'POST', '/__sim/channels', { mode: 'manual', currency: 'BTC', ...options }))
    },
    async advance(channelId, to) {
      await call(url, 'POST', `/__sim/channels/${encodeURIComponent(channelId)}/advance`, to ? { to } : {})
    },
    async fault(fault, options = {}) {
      await call(url, 'POST', '/__sim/faults', { fault, ...options })
    },
    async log(since = 0) {
      const body = await call(url, 'GET', `/__sim/log?since=${since}`)
      if (Array.isArray(body)) return body as SimLogEntry[]
      const entries = (body as { entries?: unknown } | null)?.entries
      return Array.isArray(entries) ? (entries as SimLogEntry[]) : []
    },
    stop: () => proc.stop(),
  }
}
