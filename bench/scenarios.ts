/**
 * The browser scenarios: first status after navigation, recovery from socket failures, and the
 * latency of an update, each run against the app and the baseline page in the same run.
 */
import type { Browser } from 'playwright-core'
import type { ClientKind, Site } from './site'
import { Client, hasStatus, offSocket, onSocket, type ClientOptions } from './page'
import { cutAndAdvance, muteStatusAndAdvance, silenceAndAdvance, startFlapping, stopFaults } from './inject'
import type { FaultName } from '../server/faultTable'
import { figure, sleep, type Figure } from './stats'
import type { HookSnapshot } from '../tools/browser/recorder'

export const KINDS: readonly ClientKind[] = ['app', 'baseline']

export type PerClient<T> = Record<ClientKind, T>

/** How long a page may take before its first status is called "never". */
const FIRST_STATUS_WINDOW_MS = 20_000
/** A healthy socket must have lived past the app's 5 s "stable" mark and the baseline's 5 s start window. */
const SETTLE_MS = 6_000

export interface FirstStatusOptions {
  /** Emulated network (mobile row). @default loopback */
  network?: ClientOptions['network']
  /** A fault on the page's own channel from before navigation (e.g. `poll-503-then-ok`). */
  channelFault?: FaultName
}

async function firstStatusOnce(browser: Browser, site: Site, kind: ClientKind, options: FirstStatusOptions): Promise<number | null> {
  const channelId = site.sim.createChannel().channelId
  if (options.channelFault) site.sim.app.faults.set(options.channelFault, { channelId })
  const client = await Client.open(browser, site, kind, channelId, options.network ? { network: options.network } : {})
  try {
    const shown = await client.waitFor(hasStatus, FIRST_STATUS_WINDOW_MS)
    return shown ? shown.t - (await client.navigationStart()) : null
  } finally {
    await client.close()
  }
}

/** Navigation → first status, `runs` times per client, one page at a time (nothing else running). */
export async function firstStatus(browser: Browser, site: Site, runs: number, options: FirstStatusOptions = {}): Promise<PerClient<Figure>> {
  const samples: PerClient<Array<number | null>> = { app: [], baseline: [] }
  for (let run = 0; run < runs; run += 1) {
    // Alternate who goes first, so a warming cache or a busy second favours neither.
    const order = run % 2 === 0 ? KINDS : [...KINDS].reverse()
    for (const kind of order) samples[kind].push(await firstStatusOnce(browser, site, kind, options))
  }
  return { app: figure(samples.app, FIRST_STATUS_WINDOW_MS), baseline: figure(samples.baseline, FIRST_STATUS_WINDOW_MS) }
}

/** A page on a healthy socket that has lived past every start-up window. */
async function settledOnSocket(browser: Browser, site: Site, kind: ClientKind, extraSettleMs = 0): Promise<Client> {
  const channelId = site.sim.createChannel().channelId
  const client = await Client.open(browser, site, kind, channelId)
  const open = await client.waitFor((s) => onSocket(s) && hasStatus(s), 15_000)
  if (!open) {
    await client.close()
    throw new Error(`${kind}: never got on the socket on a healthy simulator`)
  }
  await sleep(SETTLE_MS + extraSettleMs)
  return client
}

export interface Recovery {
  /** Failure → the status that moved at that moment is on screen. */
  nextStatus: Figure
  /** Failure (or, for the flap, the end of flapping) → back on a working socket. Not measured for `mute`. */
  backOnSocket: Figure
}

/** `mute`: the socket answers pings but carries no status any more (`mute-status`). */
type FailureKind = 'cut' | 'flap' | 'silent' | 'mute'

export interface RecoveryOptions {
  runs: number
  /** How long a run waits for each figure before calling it "never". */
  windowMs: number
  /** flap: how long the socket keeps flapping before it works again. */
  flapMs?: number
  /**
   * Spread the failure over this much of the socket's life, run by run. The app's heartbeat runs
   * from the socket's open, so a silent death found at a fixed age would always hit one phase of
   * the 25 s ping cycle; spreading it samples the whole cycle.
   */
  phaseSpreadMs?: number
}

/** A status (or progress) other than the one shown before the change. */
function changedStatus(before: HookSnapshot): (s: HookSnapshot) => boolean {
  return (s) => hasStatus(s) && (s.status !== before.status || s.progress !== before.progress)
}

async function recoveryOnce(
  browser: Browser,
  site: Site,
  kind: ClientKind,
  failure: FailureKind,
  options: RecoveryOptions,
  run: number,
): Promise<[number | null, number | null]> {
  const client = await settledOnSocket(browser, site, kind, ((options.phaseSpreadMs ?? 0) * run) / options.runs)
  try {
    const sim = site.sim
    const mark = client.mark()
    const before = client.snapshots()[mark - 1] as HookSnapshot
    const failedAt =
      failure === 'silent'
        ? silenceAndAdvance(sim, client.channelId)
        : failure === 'mute'
          ? muteStatusAndAdvance(sim, client.channelId)
          : cutAndAdvance(sim, client.channelId)
    let healedAt = failedAt
    if (failure === 'mute') {
      // Only "status moving again" is asked of a mute socket; the socket itself never failed.
      const shown = await client.waitFor(changedStatus(before), Math.max(0, failedAt + options.windowMs - Date.now()), mark)
      stopFaults(sim, client.channelId)
      return [shown ? shown.t - failedAt : null, null]
    }
    if (failure === 'flap') {
      startFlapping(sim, client.channelId)
      await sleep(options.flapMs ?? 15_000)
      healedAt = stopFaults(sim, client.channelId)
    }
    const shown = await client.waitFor(changedStatus(before), Math.max(0, failedAt + options.windowMs - Date.now()), mark)
    // Back on the socket: the first time it is on a socket again after having left it, and (flap)
    // after the socket works again.
    const left = await client.waitFor(offSocket, Math.max(0, failedAt + options.windowMs - Date.now()), mark)
    let back: HookSnapshot | null = null
    if (left) {
      const leftIndex = client.snapshots().indexOf(left)
      back = await client.waitFor(
        (s) => onSocket(s) && s.t >= healedAt,
        Math.max(0, healedAt + options.windowMs - Date.now()),
        leftIndex,
      )
    }
    return [shown ? shown.t - failedAt : null, back ? back.t - healedAt : null]
  } finally {
    await client.close()
  }
}

/** Runs every run of one failure for both clients at once (one channel each, per-channel faults). */
export async function recovery(browser: Browser, site: Site, failure: FailureKind, options: RecoveryOptions): Promise<PerClient<Recovery>> {
  const jobs = KINDS.flatMap((kind) => Array.from({ length: options.runs }, (_, run) => ({ kind, run })))
  const results = await Promise.all(
    jobs.map(async ({ kind, run }) => {
      // Staggered starts: the runs then fail at different points of the heartbeat and poll cycles.
      await sleep(run * 1700 + (kind === 'baseline' ? 400 : 0))
      return { kind, result: await recoveryOnce(browser, site, kind, failure, options, run) }
    }),
  )
  const pick = (kind: ClientKind, index: 0 | 1) => results.filter((r) => r.kind === kind).map((r) => r.result[index])
  const one = (kind: ClientKind): Recovery => ({
    nextStatus: figure(pick(kind, 0), options.windowMs),
    backOnSocket: figure(pick(kind, 1), options.windowMs),
  })
  return { app: one('app'), baseline: one('baseline') }
}

/** Simulator emits (the store changes and the socket hub publishes at once) → the page shows it. */
async function latencySamples(client: Client, site: Site, samples: number, spreadMs: number, windowMs: number): Promise<Array<number | null>> {
  const out: Array<number | null> = []
  for (let i = 0; i < samples; i += 1) {
    // A random moment, so the polling figure spans the whole poll cycle, not one phase of it.
    await sleep(200 + Math.random() * spreadMs)
    const mark = client.mark()
    const before = client.snapshots()[mark - 1] as HookSnapshot
    const emittedAt = Date.now()
    site.sim.app.store.advance(client.channelId)
    const shown = await client.waitFor(changedStatus(before), windowMs, mark)
    out.push(shown ? shown.t - emittedAt : null)
  }
  return out
}

export type Transport = 'socket' | 'polling'

/**
 * Update latency over the socket (healthy site) or while polling (site with `refuse-upgrade`).
 * BTC has five steps after waiting_payment; `samples` stays at most 5.
 */
export async function latency(browser: Browser, site: Site, transport: Transport, samples: number): Promise<PerClient<Figure>> {
  const windowMs = 15_000
  const results = await Promise.all(
    KINDS.map(async (kind) => {
      const channelId = site.sim.createChannel().channelId
      const client = await Client.open(browser, site, kind, channelId)
      try {
        const ready = transport === 'socket' ? (s: HookSnapshot) => onSocket(s) && hasStatus(s) : (s: HookSnapshot) => s.state === 'polling' && hasStatus(s)
        if (!(await client.waitFor(ready, 15_000))) throw new Error(`${kind}: not ${transport === 'socket' ? 'on the socket' : 'polling'} after 15 s`)
        // The baseline subscribes 250 ms after open; give it that before the first update.
        await sleep(SETTLE_MS)
        return [kind, await latencySamples(client, site, Math.min(samples, 5), transport === 'socket' ? 300 : 5000, windowMs)] as const
      } finally {
        await client.close()
      }
    }),
  )
  const by = Object.fromEntries(results) as PerClient<Array<number | null>>
  return { app: figure(by.app, windowMs), baseline: figure(by.baseline, windowMs) }
}

/**
 * Both pages must show a status on a healthy simulator before anything is measured: a page that
 * cannot run (a CSP that names other endpoints, a broken build) would otherwise read as "never"
 * in every row instead of as the setup error it is.
 */
export async function preflight(browser: Browser, site: Site): Promise<void> {
  for (const kind of KINDS) {
    const client = await Client.open(browser, site, kind, site.sim.createChannel().channelId)
    const problems: string[] = []
    client.page.on('pageerror', (error) => problems.push(error.message))
    client.page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text())
    })
    try {
      if (!(await client.waitFor(hasStatus, 10_000))) {
        throw new Error(`${kind} page shows no status on a healthy simulator within 10 s: ${problems.join(' | ') || 'no page error'}`)
      }
    } finally {
      await client.close()
    }
  }
}
