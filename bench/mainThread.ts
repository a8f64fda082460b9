/**
 * The main thread on a cheap phone: total blocking time and the longest task of the hand-over
 * from the first screen to the app, under Lighthouse's mobile settings (CPU slowed down 4×, its
 * mobile network as its `devtools` throttling applies it), without Lighthouse itself: CDP through
 * playwright-core, and a `longtask` PerformanceObserver installed before any of the page's scripts.
 * The counting rules are in blockingTime.ts.
 */
import type { Browser } from 'playwright-core'
import { HANDOVER_MARKS } from '../src/boot/handoverMarks'
import { longestOverlapping, timeToInteractive, totalBlockingTime, type Request, type Task } from './blockingTime'
import { Client, hasStatus, type NetworkConditions } from './page'
import { KINDS, type PerClient } from './scenarios'
import type { ClientKind, Site } from './site'
import { figure, sleep, type Figure } from './stats'

/** Lighthouse's mobile CPU: a mid-range phone is about 4× slower than a desktop. */
export const CPU_SLOWDOWN = 4
/**
 * Lighthouse's mobile network (slow 4G: 150 ms, 1.6 Mbps down, 750 kbps up) as its `devtools`
 * throttling applies it to a real page: latency ×3.75, throughput ×0.9 (its constants).
 */
export const LIGHTHOUSE_MOBILE_NETWORK: NetworkConditions = { latencyMs: 562.5, downloadKbps: 1474.56, uploadKbps: 675 }

/** Longest a run watches the page for a 5 s quiet stretch (Lighthouse's TTI) before it stops. */
const OBSERVE_AT_MOST_MS = 40_000
const READ_EVERY_MS = 1000

export interface MainThreadRun {
  /** Page times (ms since navigation start). Null: not seen within the run. */
  fcpMs: number | null
  /** Null: no 5 s quiet stretch within the run; TBT was then counted to the end of the run. */
  ttiMs: number | null
  tbtMs: number | null
  /** Every long task the page reported, in its own times. */
  longTasks: Task[]
  /** The app only: from the entry starting the app to the app replacing the first screen; null when it did not happen in the run. */
  handover: { fromMs: number; toMs: number; longest: Task | null } | null
}

export interface MainThreadResult {
  fcp: Figure
  /** Lighthouse's Time to Interactive; "never" in a run without a 5 s quiet stretch. */
  tti: Figure
  tbt: Figure
  /** The app only: the longest task overlapping the hand-over, run by run (0: none of 50 ms or more). */
  handoverLongest: Figure
  runs: MainThreadRun[]
}

/** Init script: collects every long task of the page, from its first script on. */
export function longTaskProbe(): void {
  const tasks: Array<{ start: number; duration: number }> = []
  ;(window as unknown as { __benchLongTasks: typeof tasks }).__benchLongTasks = tasks
  // `buffered`: also the tasks that ran before this observer was registered.
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration })
  }).observe({ type: 'longtask', buffered: true })
}

/** The long tasks the probe has collected so far. */
export async function readLongTasks(client: Client): Promise<Task[]> {
  return client.page.evaluate(() => [...(window as unknown as { __benchLongTasks: Task[] }).__benchLongTasks])
}

interface PageReading {
  now: number
  fcp: number | null
  tasks: Task[]
  requests: Request[]
  marks: Record<keyof typeof HANDOVER_MARKS, number | null>
}

async function read(client: Client): Promise<PageReading> {
  return client.page.evaluate((names) => {
    const mark = (name: string): number | null => performance.getEntriesByName(name, 'mark')[0]?.startTime ?? null
    // Completed requests only: one still in flight (the socket, a poll) is not in Resource Timing.
    const timed = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')] as PerformanceResourceTiming[]
    return {
      now: performance.now(),
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      tasks: [...(window as unknown as { __benchLongTasks: Task[] }).__benchLongTasks],
      requests: timed.map((entry) => ({ start: entry.startTime, end: entry.responseEnd })),
      marks: { appStart: mark(names.appStart), takenOver: mark(names.takenOver) },
    }
  }, HANDOVER_MARKS)
}

/** What one reading says, once the run is over. */
export function summariseReading(reading: PageReading, withHandover: boolean): MainThreadRun {
  const { fcp, tasks } = reading
  const tti = fcp === null ? null : timeToInteractive(tasks, reading.requests, fcp, reading.now)
  const { appStart, takenOver } = reading.marks
  const handover =
    withHandover && appStart !== null && takenOver !== null ? { fromMs: appStart, toMs: takenOver, longest: longestOverlapping(tasks, appStart, takenOver) } : null
  return { fcpMs: fcp, ttiMs: tti, tbtMs: fcp === null ? null : totalBlockingTime(tasks, fcp, tti ?? reading.now), longTasks: tasks, handover }
}

async function mainThreadOnce(browser: Browser, site: Site, kind: ClientKind): Promise<MainThreadRun> {
  const channelId = site.sim.createChannel().channelId
  const client = await Client.open(browser, site, kind, channelId, {
    cpuSlowdown: CPU_SLOWDOWN,
    network: LIGHTHOUSE_MOBILE_NETWORK,
    initScripts: [longTaskProbe],
  })
  try {
    const deadline = Date.now() + OBSERVE_AT_MOST_MS
    for (;;) {
      await sleep(READ_EVERY_MS)
      const reading = await read(client)
      const run = summariseReading(reading, kind === 'app')
      const done = run.ttiMs !== null && client.find(hasStatus) !== null && (kind !== 'app' || reading.marks.takenOver !== null)
      if (done || Date.now() >= deadline) return run
    }
  } finally {
    await client.close()
  }
}

/** `runs` page loads per client, one page at a time, alternating who goes first. */
export async function mainThread(browser: Browser, site: Site, runs: number): Promise<PerClient<MainThreadResult>> {
  const all: PerClient<MainThreadRun[]> = { app: [], baseline: [] }
  for (let run = 0; run < runs; run += 1) {
    const order = run % 2 === 0 ? KINDS : [...KINDS].reverse()
    for (const kind of order) all[kind].push(await mainThreadOnce(browser, site, kind))
  }
  const result = (kind: ClientKind): MainThreadResult => ({
    fcp: figure(all[kind].map((r) => r.fcpMs)),
    tti: figure(all[kind].map((r) => r.ttiMs)),
    tbt: figure(all[kind].map((r) => r.tbtMs)),
    handoverLongest: figure(kind === 'app' ? all[kind].map((r) => (r.handover ? (r.handover.longest?.duration ?? 0) : null)) : []),
    runs: all[kind],
  })
  return { app: result('app'), baseline: result('baseline') }
}
