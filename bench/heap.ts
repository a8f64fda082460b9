/**
 * The page's JS heap while the socket flaps, at production settings, in two windows of ten
 * simulated minutes:
 * - from the first status: the bounded logs are still filling (the old figure, kept for comparison);
 * - once the bounded logs are full: the target's figure. Growth while a bounded log fills is
 *   expected; growth after that is what would go on for hours.
 *
 * Time is compressed in the page (page.ts `timeWarp`): the production build runs with its clocks
 * `WARP` times faster, so every poll, backoff and heartbeat happens, in order, in a tenth of the
 * real time. The server side is not warped: its 150 ms welcome and 80 ms cut stay real, which at
 * WARP = 10 is 1.5 s and 0.8 s of page time, both within the app's 5 s connect timeout and below
 * its 5 s "stable" mark, so every socket still counts as a flap.
 *
 * When the logs are full: the bench reads the lengths of the app's logs (events, socket attempts,
 * poll failures) from the snapshot the app's store publishes (`$pinia.state`), every half second
 * of real time, and records when each first holds its limit (LOG_LIMITS in
 * src/core/machine/recorder.ts). Every flapping socket writes to the event log and the attempt
 * log: the event log fills after 12 to 15 simulated minutes, the attempt log after 23 to 28
 * (the backoff reaches its 60 s cap, so about two attempts a minute). Polls succeed under this
 * flapping, so the poll-failure log gets an entry only when a poll is held up past its 10 s
 * timeout, which at ×10 is one real second: a heap snapshot's pause can do that. The bench does
 * not wait for that log (at that pace it would fill in hours); its length at both ends of each
 * window is in the results, with the others', so an entry added meanwhile shows, and counts in
 * the growth. The second window starts at the later of 10 minutes and the moment the event and
 * attempt logs are both at their limits; if that has not happened after 60 simulated minutes it
 * starts then, marked `logsFull: false`. The baseline page keeps no logs: its second window
 * starts at 10 minutes.
 *
 * Heap figures are read through CDP (HeapProfiler.collectGarbage, then Runtime.getHeapUsage)
 * every 2.5 simulated minutes and at both ends of each window. Each figure is the smallest of
 * three readings, each after a forced GC: a single reading swings by up to about 100 kB with
 * whatever is in flight at that moment (a poll's answer, a render), which is not heap the page
 * keeps. At both ends of each window the bench first takes a heap snapshot and sums it by part
 * (heapSnapshot.ts: log entries, engine caches, compiled code, …), then reads the used heap, so
 * each window's growth comes with what it is made of, from the same heap. A snapshot pauses the
 * page for one to three seconds of real time, ten to thirty of page time; the app's sleep
 * detection may take that for a short sleep and refresh once (one log line, one poll), as it
 * would after a real one.
 */
import type { Browser, CDPSession } from 'playwright-core'
import { LOG_LIMITS } from '../src/core/machine/recorder'
import { Client, hasStatus } from './page'
import type { ClientKind, Site } from './site'
import { KINDS, type PerClient } from './scenarios'
import { growthByPart, heapComposition, type HeapComposition, type PartGrowth } from './heapSnapshot'
import { sleep } from './stats'

export const WARP = 10
/** Each window, simulated. */
export const WINDOW_MS = 10 * 60_000
/** The second window starts by then even if the logs are not full, simulated. */
export const FILL_DEADLINE_MS = 60 * 60_000
const CHECKPOINT_EVERY_MS = 2.5 * 60_000
/** Readings of the used heap per checkpoint, each after a forced GC; the smallest counts. */
const USED_READINGS = 3
/** Real time between two readings of the log lengths. */
const LOG_READ_EVERY_MS = 500

export type LogName = keyof typeof LOG_LIMITS
export type LogLengths = Record<LogName, number>

export interface HeapWindow {
  /** Simulated ms from the first status. */
  fromMs: number
  toMs: number
  /** Used heap after GC, end minus start. */
  growthBytes: number
  /** The same growth by part, from heap snapshots at both ends, largest first. */
  parts: PartGrowth[]
  /** Bytes the snapshots account for at both ends (the JS heap as the snapshot sees it). */
  snapshotBytes: { from: number; to: number }
  httpRequests: number
  socketAttempts: number
  /** Lengths of the app's logs at both ends; absent for a page without them. */
  logs?: { from: LogLengths; to: LogLengths }
}

export interface HeapRun {
  /** Used JS heap after GC, bytes, at each checkpoint of simulated time. */
  checkpoints: Array<{ simulatedMs: number; usedBytes: number }>
  /** First window: from the first checkpoint (at the first status) to 10 simulated minutes later. */
  growthBytes: number
  /** What the page did in the first window (counted in the page), to show the compressed timeline really ran. */
  httpRequests: number
  socketAttempts: number
  /** The first window with its breakdown. */
  fromStart?: HeapWindow
  /** The target's figure: ten simulated minutes from the moment the bounded logs are full. */
  onceFull?: HeapWindow & { logsFull: boolean }
  /** Simulated ms from the first status at which each log first held its limit; null: not in this run. App only. */
  logsFullAtMs?: Record<LogName, number | null>
  logLimits?: LogLengths
}

/** The lengths of the app's logs, read from the snapshot its store publishes; null on a page without the store. */
function readLogLengths(): LogLengths | null {
  type Snapshot = { events: unknown[]; attempts: unknown[]; pollFailures: unknown[] }
  type Pinia = { state: { value: Record<string, { snapshot?: Snapshot } | undefined> } }
  const host = document.querySelector('#app') as (Element & { __vue_app__?: { config: { globalProperties: { $pinia?: Pinia } } } }) | null
  const snapshot = host?.__vue_app__?.config.globalProperties.$pinia?.state.value.paymentMonitor?.snapshot
  if (!snapshot) return null
  return { events: snapshot.events.length, attempts: snapshot.attempts.length, pollFailures: snapshot.pollFailures.length }
}

async function takeComposition(cdp: CDPSession): Promise<HeapComposition> {
  const chunks: string[] = []
  const onChunk = ({ chunk }: { chunk: string }): void => {
    chunks.push(chunk)
  }
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk)
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false })
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk)
  }
  return heapComposition(chunks.join(''))
}

/**
 * The logs every flapping socket writes to: its lines in the event log, its attempt record. The
 * poll-failure log gets an entry only when a poll fails, which this scenario does not make happen.
 */
export const FILLED_BY_FLAPPING: readonly LogName[] = ['events', 'attempts']

/** The logs are full: each log the flapping writes to is at its limit. Logs never shrink, so once true it stays true. */
export function logsFull(lengths: LogLengths, limits: LogLengths = LOG_LIMITS): boolean {
  return FILLED_BY_FLAPPING.every((name) => lengths[name] >= limits[name])
}

interface Mark {
  /** When the used heap was read (after the snapshot). */
  simulatedMs: number
  /** How long the snapshot and the readings took, simulated. */
  tookMs: number
  usedBytes: number
  composition: HeapComposition
  http: number
  wsConnects: number
  logs: LogLengths | null
}

async function heapOnce(browser: Browser, site: Site, kind: ClientKind): Promise<HeapRun> {
  const channelId = site.sim.createChannel().channelId
  const client = await Client.open(browser, site, kind, channelId, { warp: WARP })
  try {
    if (!(await client.waitFor(hasStatus, 15_000))) throw new Error(`${kind}: no status under flapping`)
    const cdp = await client.context.newCDPSession(client.page)
    /** The smallest of a few readings, each after a forced GC: what was in flight at one of them (a poll's answer, a render) is not kept. */
    const usedAfterGc = async (): Promise<number> => {
      let least = Number.POSITIVE_INFINITY
      for (let reading = 0; reading < USED_READINGS; reading += 1) {
        await cdp.send('HeapProfiler.collectGarbage')
        least = Math.min(least, (await cdp.send('Runtime.getHeapUsage')).usedSize)
      }
      return least
    }
    const logLengths = (): Promise<LogLengths | null> => client.page.evaluate(readLogLengths)
    const startedAt = Date.now()
    const simulatedNow = (): number => (Date.now() - startedAt) * WARP
    const checkpoints: HeapRun['checkpoints'] = []
    const checkpoint = async (): Promise<number> => {
      const usedBytes = await usedAfterGc()
      checkpoints.push({ simulatedMs: Math.round(simulatedNow()), usedBytes })
      return usedBytes
    }
    /** A checkpoint with a heap snapshot; the snapshot first, so the used heap read right after describes the same heap. */
    const mark = async (): Promise<Mark> => {
      const began = simulatedNow()
      const composition = await takeComposition(cdp)
      const usedBytes = await checkpoint()
      const simulatedMs = checkpoints.at(-1)?.simulatedMs ?? 0
      const counts = await client.counts()
      return { simulatedMs, tookMs: simulatedMs - began, usedBytes, composition, http: counts.http, wsConnects: counts.wsConnects, logs: await logLengths() }
    }
    /** The closing mark of a window starts early by as long as the opening one took, so their readings are about `WINDOW_MS` apart. */
    const closingMarkAt = (opening: Mark): number => opening.simulatedMs + WINDOW_MS - opening.tookMs

    const first = await mark()
    const hasLogs = first.logs !== null
    if (kind === 'app' && !hasLogs) throw new Error('app: cannot read the lengths of its logs from the page')
    const fullAt: Record<LogName, number | null> = { events: null, attempts: null, pollFailures: null }
    let lastLengths: LogLengths | null = first.logs
    const noteLengths = (lengths: LogLengths | null): void => {
      if (!lengths) return
      lastLengths = lengths
      for (const name of Object.keys(LOG_LIMITS) as LogName[]) {
        if (fullAt[name] === null && lengths[name] >= LOG_LIMITS[name]) fullAt[name] = Math.round(simulatedNow())
      }
    }
    noteLengths(first.logs)
    const full = (): boolean => lastLengths === null || logsFull(lastLengths)
    let nextCheckpointAt = CHECKPOINT_EVERY_MS
    /** Waits until simulated time `until` (with `stopWhenFull`, at most until the logs are full), reading the log lengths and taking the checkpoints due meanwhile. */
    const waitUntil = async (until: number, stopWhenFull = false): Promise<void> => {
      const remaining = Math.max(0, until - simulatedNow())
      const maxSteps = Math.ceil(remaining / WARP / LOG_READ_EVERY_MS + remaining / CHECKPOINT_EVERY_MS) + 4
      for (let step = 0; step < maxSteps && simulatedNow() < until; step += 1) {
        if (stopWhenFull && full()) return
        await sleep(Math.max(0, Math.min(LOG_READ_EVERY_MS, (until - simulatedNow()) / WARP, (nextCheckpointAt - simulatedNow()) / WARP)))
        if (hasLogs) noteLengths(await logLengths())
        if (simulatedNow() >= nextCheckpointAt && simulatedNow() < until) {
          await checkpoint()
          nextCheckpointAt += CHECKPOINT_EVERY_MS
        }
      }
    }

    await waitUntil(closingMarkAt(first))
    const tenMinutes = await mark()
    noteLengths(tenMinutes.logs)
    nextCheckpointAt = tenMinutes.simulatedMs + CHECKPOINT_EVERY_MS
    const fullAtTenMinutes = full()
    if (!fullAtTenMinutes) await waitUntil(FILL_DEADLINE_MS, true)
    const filled = full()
    const windowStart = fullAtTenMinutes ? tenMinutes : await mark()
    noteLengths(windowStart.logs)
    nextCheckpointAt = windowStart.simulatedMs + CHECKPOINT_EVERY_MS
    await waitUntil(closingMarkAt(windowStart))
    const end = await mark()
    await cdp.detach().catch(() => undefined)

    const window = (from: Mark, to: Mark): HeapWindow => ({
      fromMs: from.simulatedMs,
      toMs: to.simulatedMs,
      growthBytes: to.usedBytes - from.usedBytes,
      parts: growthByPart(from.composition, to.composition),
      snapshotBytes: { from: from.composition.totalBytes, to: to.composition.totalBytes },
      httpRequests: to.http - from.http,
      socketAttempts: to.wsConnects - from.wsConnects,
      ...(from.logs && to.logs ? { logs: { from: from.logs, to: to.logs } } : {}),
    })
    const fromStart = window(first, tenMinutes)
    return {
      checkpoints,
      growthBytes: fromStart.growthBytes,
      httpRequests: fromStart.httpRequests,
      socketAttempts: fromStart.socketAttempts,
      fromStart,
      onceFull: { ...window(windowStart, end), logsFull: filled },
      ...(hasLogs ? { logsFullAtMs: fullAt, logLimits: { ...LOG_LIMITS } } : {}),
    }
  } finally {
    await client.close()
  }
}

/** Both clients at once on a site whose every socket flaps (global `cut-after-welcome`). */
export async function heapUnderFlapping(browser: Browser, flapping: Site): Promise<PerClient<HeapRun>> {
  const [app, baseline] = await Promise.all(KINDS.map((kind) => heapOnce(browser, flapping, kind)))
  return { app: app as HeapRun, baseline: baseline as HeapRun }
}
