/**
 * Update latency while polling (upgrade refused), sampled at set phases of each client's poll
 * cycle instead of at random moments. Each update is emitted a chosen time after a poll the
 * simulator answered (its own log, the same clock as the page's hooks), the phases spread evenly
 * over one period, so 40 samples give every client the same draw and a 0.1 s difference in the
 * median is the clients', not luck's.
 *
 * Each sample is also split at the poll that delivered it: waiting for that poll (emission → the
 * simulator answered it) and delivery (answered → the DOM shows it). The simulator's log also
 * gives the poll periods, and the gap between a page's first answer and its next poll. Those say
 * where a client's time goes.
 */
import type { Browser } from 'playwright-core'
import { Client, hasStatus } from './page'
import { KINDS, type PerClient } from './scenarios'
import type { ClientKind, Site } from './site'
import { figure, sleep, type Figure } from './stats'

/** The Recorder's snapshot, by way of `Client`: this file names no harness path. */
type HookSnapshot = ReturnType<Client['snapshots']>[number]

export interface PollingLatencyOptions {
  /** Samples per client. @default 40 */
  samples: number
  /** The clients' poll period, which the phases spread over. @default 5000 */
  periodMs: number
  /** Samples taken on one page (one channel: MATIC has 12 steps before its terminal one). @default 10 */
  samplesPerPage: number
  /** Pages of one client measured at the same time. @default 2 */
  concurrentPages: number
}

export interface PollingSample {
  /** Emission → the DOM shows it, ms (null: not within the window). */
  latencyMs: number | null
  /** Emission − the poll it was timed from, ms: the phase actually reached. */
  phaseMs: number
  /** Emission → the simulator answered the poll that delivered it, ms. */
  waitMs: number | null
  /** That answer → the DOM shows it, ms. */
  deliveryMs: number | null
}

export interface PollingLatency {
  latency: Figure
  /** Emission → the simulator answered the delivering poll. */
  wait: Figure
  /** The simulator answered → the DOM shows it. */
  delivery: Figure
  /** Time between consecutive polls of one page after its second, from the simulator's log. */
  period: Figure
  /** Each page's first poll (the first screen's answer) → its next poll. */
  firstGap?: Figure
  samples: PollingSample[]
}

const WINDOW_MS = 15_000
/** What the bench needs between seeing a poll in the log and emitting (checks every 10 ms). */
const EMIT_MARGIN_MS = 40
/** Past the baseline's 5 s start window and the app's start-up, as the other latency rows. */
const SETTLE_MS = 6_000

/** `count` phases at the middle of equal slices of one period: (i + ½) · period / count. */
export function evenPhases(count: number, periodMs: number): number[] {
  return Array.from({ length: count }, (_, i) => ((i + 0.5) * periodMs) / count)
}

/**
 * The phases split over pages so every page covers the whole cycle: page k takes phases k, k + n,
 * k + 2n, … (n pages), in that order.
 */
export function phasesByPage(phases: readonly number[], perPage: number): number[][] {
  const pages = Math.ceil(phases.length / perPage)
  return Array.from({ length: pages }, (_, k) => phases.filter((_, i) => i % pages === k))
}

/** Gaps between consecutive times, in order. */
export function gaps(times: readonly number[]): number[] {
  return times.slice(1).map((t, i) => t - (times[i] as number))
}

/** The figures from the samples and the pages' poll times. */
export function summarise(samples: readonly PollingSample[], pollTimesByPage: ReadonlyArray<readonly number[]>): PollingLatency {
  return {
    latency: figure(samples.map((s) => s.latencyMs), WINDOW_MS),
    wait: figure(samples.map((s) => s.waitMs)),
    delivery: figure(samples.map((s) => s.deliveryMs)),
    period: figure(pollTimesByPage.flatMap((times) => gaps(times).slice(1))),
    firstGap: figure(pollTimesByPage.flatMap((times) => gaps(times).slice(0, 1))),
    samples: [...samples],
  }
}

/** The simulator's answers to polls of one channel, as epoch ms, from its log. */
function pollTimes(site: Site, channelId: string, sinceSeq: number): number[] {
  return site.sim.app.log
    .entries(sinceSeq)
    .filter((e) => e.kind === 'poll' && e.channelId === channelId)
    .map((e) => Date.parse(e.time))
}

/** A status (or progress) other than the one shown before. */
function changedFrom(before: HookSnapshot): (s: HookSnapshot) => boolean {
  return (s) => hasStatus(s) && (s.status !== before.status || s.progress !== before.progress)
}

async function waitForPollAfter(site: Site, channelId: string, sinceSeq: number, after: number): Promise<number | null> {
  const deadline = Date.now() + WINDOW_MS
  while (Date.now() < deadline) {
    const next = pollTimes(site, channelId, sinceSeq).find((t) => t > after)
    if (next !== undefined) return next
    await sleep(10)
  }
  return null
}

async function onePage(browser: Browser, site: Site, kind: ClientKind, phases: readonly number[]): Promise<{ samples: PollingSample[]; polls: number[] }> {
  const sinceSeq = site.sim.app.log.entries().at(-1)?.seq ?? 0
  // MATIC: ten confirmations, so one channel has twelve steps before its terminal one.
  const channelId = site.sim.createChannel({ currency: 'MATIC' }).channelId
  const client = await Client.open(browser, site, kind, channelId)
  const samples: PollingSample[] = []
  try {
    if (!(await client.waitFor((s) => s.state === 'polling' && hasStatus(s), 15_000))) throw new Error(`${kind}: not polling after 15 s`)
    await sleep(SETTLE_MS)
    for (const phase of phases) {
      // Timed from the latest poll if its phase can still be reached, else from the next one.
      const latest = pollTimes(site, channelId, sinceSeq).at(-1) ?? 0
      const from = Date.now() + EMIT_MARGIN_MS - phase <= latest ? latest : await waitForPollAfter(site, channelId, sinceSeq, Date.now() - 1)
      if (from === null) throw new Error(`${kind}: no poll for ${WINDOW_MS / 1000} s`)
      await sleep(Math.max(0, from + phase - Date.now()))
      const mark = client.mark()
      const before = client.snapshots()[mark - 1] as HookSnapshot
      const emittedAt = Date.now()
      site.sim.app.store.advance(channelId)
      const shown = await client.waitFor(changedFrom(before), WINDOW_MS, mark)
      const delivering = pollTimes(site, channelId, sinceSeq).find((t) => t >= emittedAt)
      samples.push({
        latencyMs: shown ? shown.t - emittedAt : null,
        phaseMs: emittedAt - from,
        waitMs: delivering !== undefined ? delivering - emittedAt : null,
        deliveryMs: shown && delivering !== undefined ? shown.t - delivering : null,
      })
    }
    return { samples, polls: pollTimes(site, channelId, sinceSeq) }
  } finally {
    await client.close()
  }
}

/** Both clients at once, each on `concurrentPages` pages at a time until every phase is sampled. */
export async function pollingLatency(browser: Browser, refused: Site, options: PollingLatencyOptions): Promise<PerClient<PollingLatency>> {
  const pages = phasesByPage(evenPhases(options.samples, options.periodMs), options.samplesPerPage)
  const one = async (kind: ClientKind): Promise<PollingLatency> => {
    const results: Array<{ samples: PollingSample[]; polls: number[] }> = []
    for (let first = 0; first < pages.length; first += options.concurrentPages) {
      const batch = pages.slice(first, first + options.concurrentPages)
      results.push(...(await Promise.all(batch.map((phases) => onePage(browser, refused, kind, phases)))))
    }
    return summarise(
      results.flatMap((r) => r.samples),
      results.map((r) => r.polls),
    )
  }
  const [app, baseline] = await Promise.all(KINDS.map(one))
  return { app: app as PollingLatency, baseline: baseline as PollingLatency }
}
