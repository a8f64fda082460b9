/** The results file and the table printed from it: every figure for the app and the baseline, and their ratio. */
import type { HeapRun } from './heap'
import type { MainThreadResult } from './mainThread'
import type { Regime, RequestRate } from './requests'
import type { PollingLatency } from './pollingLatency'
import type { PerClient, Recovery } from './scenarios'
import type { SizeReport } from './size'
import { formatMs, ratio, type Figure } from './stats'
import type { StormResult } from './storm'

export interface BenchResults {
  generatedAt: string
  durationMs: number
  machine: { cpus: number; node: string; chromium: string; platform: string }
  settings: Record<string, unknown>
  size?: { app: SizeReport; baseline: { bytes: number; gzipBytes: number; jsGzipBytes?: number } }
  storm?: PerClient<StormResult>
  firstStatus?: Record<'healthy' | 'refused' | 'flap' | 'hang', PerClient<Figure>> &
    Partial<Record<'mobile' | 'retryAfter', PerClient<Figure>>>
  recovery?: Record<'cut' | 'flap' | 'silent', PerClient<Recovery>> & { mute?: PerClient<Recovery> }
  /** `polling`: results from before the phase-spread polling row (`pollingLatency`). */
  latency?: { socket: PerClient<Figure>; polling?: PerClient<Figure> }
  /** Total blocking time and the hand-over's longest task under Lighthouse's mobile settings. */
  mainThread?: PerClient<MainThreadResult>
  /** Update latency while polling, at phases spread evenly over the poll cycle. */
  pollingLatency?: PerClient<PollingLatency>
  requests?: Record<Regime, PerClient<RequestRate>>
  heap?: PerClient<HeapRun>
  /** What could not be measured in this run, and why. */
  errors: string[]
}

type Row = [string, string, string, string]

const kB = (bytes: number): string => `${(bytes / 1024).toFixed(1)} kB`
const MB = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MB`

function timeRow(label: string, pair: PerClient<Figure>): Row {
  const cell = (f: Figure): string =>
    f.median === f.worst ? formatMs(f.median, f.windowMs) : `${formatMs(f.median, f.windowMs)} · ${formatMs(f.worst, f.windowMs)}`
  return [label, cell(pair.app), cell(pair.baseline), ratio(pair.app.median, pair.baseline.median)]
}

/** median · p90 · worst, for figures with enough samples to have a 90th percentile. */
function spreadRow(label: string, pair: PerClient<Figure>): Row {
  const cell = (f: Figure): string => [f.median, f.p90 ?? null, f.worst].map((v) => formatMs(v, f.windowMs)).join(' · ')
  return [label, cell(pair.app), cell(pair.baseline), ratio(pair.app.median, pair.baseline.median)]
}

/** `undefined`: the figure does not apply to that client. */
function valueRow(label: string, app: number | null, baseline: number | null | undefined, format: (v: number) => string): Row {
  const show = (v: number | null | undefined): string => (v === undefined ? '–' : v === null ? 'never' : format(v))
  return [label, show(app), show(baseline), baseline === undefined ? '–' : ratio(app, baseline)]
}

const minutes = (ms: number): string => `${(ms / 60_000).toFixed(1)} min`

/** Used heap at the end of the first window (in results from before the second window, the last checkpoint). */
function usedAfterTenMinutes(run: HeapRun): number | null {
  const end = run.fromStart ? run.checkpoints.find((c) => c.simulatedMs === run.fromStart?.toMs) : run.checkpoints.at(-1)
  return end?.usedBytes ?? null
}

/** When each bounded log first held its limit; one that did not, how far it got by the end of the run. */
function logsFullCell(run: HeapRun): string {
  const fullAt = run.logsFullAtMs
  if (!fullAt) return 'keeps no logs'
  const end = run.onceFull?.logs?.to
  const cell = (name: keyof typeof fullAt): string => {
    const at = fullAt[name]
    if (at !== null) return minutes(at)
    const length = end?.[name]
    const limit = run.logLimits?.[name]
    return length === 0 ? 'empty' : length === undefined || limit === undefined ? 'not full' : `${length} of ${limit}`
  }
  return `${cell('events')} · ${cell('attempts')} · ${cell('pollFailures')}`
}

function onceFullCell(run: HeapRun): string {
  const w = run.onceFull
  if (!w) return '–'
  return `${kB(w.growthBytes)} (from ${minutes(w.fromMs)}${w.logsFull ? '' : ', logs not full'})`
}

function section(title: string): Row {
  return [`**${title}**`, '', '', '']
}

/** The cheap phone: page times, total blocking time, and the hand-over's longest task (the app's only). */
function mainThreadRows(m: PerClient<MainThreadResult>): Row[] {
  const runs = m.app.runs.length
  const handover = m.app.handoverLongest
  // No figure: that run drew no first screen (the status came too late), so nothing was handed over.
  const show = (v: number | null): string => (v === null ? 'no first screen' : formatMs(v))
  const handoverCell = `${show(handover.median)} · ${show(handover.worst)}`
  return [
    section(`Cheap phone, Lighthouse's mobile settings: CPU 4× slower, its mobile network (median · worst of ${runs})`),
    timeRow('first contentful paint', pick(m, (x) => x.fcp)),
    timeRow('time to interactive (5 s without long tasks, network quiet)', pick(m, (x) => x.tti)),
    timeRow('total blocking time (long tasks beyond 50 ms, FCP → TTI)', pick(m, (x) => x.tbt)),
    ['hand-over, first screen → app: longest task (0: none over 50 ms)', handoverCell, '–', '–'],
  ]
}

function pick<T, U>(pair: PerClient<T>, get: (value: T) => U): PerClient<U> {
  return { app: get(pair.app), baseline: get(pair.baseline) }
}

export function tableRows(r: BenchResults): Row[] {
  const rows: Row[] = []
  if (r.firstStatus) {
    const runs = r.firstStatus.healthy.app.samples.length
    rows.push(section(`Navigation → first status on screen (median · worst of ${runs})`))
    rows.push(timeRow('healthy socket', r.firstStatus.healthy))
    rows.push(timeRow('upgrade refused (502)', r.firstStatus.refused))
    rows.push(timeRow('1006 flap (cut after welcome)', r.firstStatus.flap))
    rows.push(timeRow('handshake never completes', r.firstStatus.hang))
    if (r.firstStatus.mobile) rows.push(timeRow('healthy socket, emulated mobile network (150 ms, 1.6 Mbps / 750 kbps)', r.firstStatus.mobile))
    if (r.firstStatus.retryAfter) rows.push(timeRow('upgrade refused, first three polls 503 with Retry-After: 1', r.firstStatus.retryAfter))
  }
  if (r.mainThread) rows.push(...mainThreadRows(r.mainThread))
  if (r.recovery) {
    const { cut, flap, silent } = r.recovery
    const runs = cut.app.nextStatus.samples.length
    rows.push(section(`Socket failure → the status that changed at that moment is on screen (median · worst of ${runs})`))
    rows.push(timeRow('cut (1006, no close frame)', pick(cut, (x) => x.nextStatus)))
    rows.push(timeRow('flap (every socket cut after welcome)', pick(flap, (x) => x.nextStatus)))
    rows.push(timeRow('silent death (open, no frames)', pick(silent, (x) => x.nextStatus)))
    if (r.recovery.mute) rows.push(timeRow('mute socket (pongs, never a status)', pick(r.recovery.mute, (x) => x.nextStatus)))
    rows.push(section('Socket failure → back on a working socket'))
    rows.push(timeRow('cut (socket works again at once)', pick(cut, (x) => x.backOnSocket)))
    rows.push(timeRow(`flap, from the end of ${Math.round(Number(r.settings.flapMs ?? 0) / 1000)} s of flapping`, pick(flap, (x) => x.backOnSocket)))
    rows.push(timeRow('silent death (socket works again at once)', pick(silent, (x) => x.backOnSocket)))
  }
  if (r.latency) {
    rows.push(section('Simulator emits an update → DOM shows it (median · worst)'))
    rows.push(timeRow('over the socket', r.latency.socket))
    if (r.latency.polling && !r.pollingLatency) rows.push(timeRow('while polling (update at a random moment)', r.latency.polling))
  }
  if (r.pollingLatency) {
    const p = r.pollingLatency
    const period = Math.round(Number(r.settings.pollPeriodMs ?? 5000) / 1000)
    rows.push(section(`While polling (upgrade refused): ${p.app.samples.length} updates per client at phases spread evenly over the ${period} s poll cycle (median · p90 · worst)`))
    rows.push(spreadRow('simulator emits an update → DOM shows it', pick(p, (x) => x.latency)))
    rows.push(spreadRow('of which: waiting for the poll that carries it', pick(p, (x) => x.wait)))
    rows.push(spreadRow('of which: that poll answered → DOM shows it', pick(p, (x) => x.delivery)))
    rows.push(spreadRow("poll period (simulator's log)", pick(p, (x) => x.period)))
    if (p.app.firstGap && p.baseline.firstGap) rows.push(spreadRow(`first answer → next poll (${p.app.firstGap.samples.length} pages)`, { app: p.app.firstGap, baseline: p.baseline.firstGap }))
  }
  if (r.requests) {
    const minutes = (r.requests.open.app.windowMs / 60_000).toFixed(1)
    rows.push(section(`Requests per minute to the server: HTTP + socket connects + frames sent (${minutes} min window)`))
    const rate = (x: RequestRate): string => `${x.total} (${x.http} + ${x.wsConnects} + ${x.wsFramesSent})`
    for (const [regime, label] of [['polling', 'while polling (upgrade refused)'], ['open', 'on an open socket'], ['terminal', 'after a terminal status']] as const) {
      const pair = r.requests[regime]
      rows.push([label, rate(pair.app), rate(pair.baseline), ratio(pair.app.total, pair.baseline.total)])
    }
  }
  if (r.storm) {
    const s = r.storm
    rows.push(section(`Reconnect storm: ${s.app.clients} Node clients, server restart (1012, upgrades refused ${s.app.restartMs / 1000} s)`))
    rows.push(valueRow('peak socket attempts per second', s.app.peakAttemptsPerSecond, s.baseline.peakAttemptsPerSecond, String))
    rows.push(valueRow('socket attempts until all back', s.app.totalAttempts, s.baseline.totalAttempts, String))
    rows.push(valueRow('peak HTTP requests per second', s.app.peakHttpPerSecond, s.baseline.peakHttpPerSecond, String))
    if (s.app.peakTotalPerSecond !== undefined) {
      rows.push(valueRow('peak socket attempts + HTTP requests per second', s.app.peakTotalPerSecond, s.baseline.peakTotalPerSecond ?? null, String))
      rows.push(valueRow('HTTP requests in the first 2 s', s.app.httpFirst2s, s.baseline.httpFirst2s ?? null, String))
      rows.push(valueRow('server: peak concurrent handshakes (open → welcome)', s.app.peakConcurrentHandshakes, s.baseline.peakConcurrentHandshakes ?? null, String))
    }
    rows.push(valueRow('half of the clients back', s.app.backP50Ms, s.baseline.backP50Ms, (v) => formatMs(v)))
    rows.push(valueRow('90 % back', s.app.backP90Ms, s.baseline.backP90Ms, (v) => formatMs(v)))
    rows.push(valueRow('all back', s.app.allBackMs, s.baseline.allBackMs, (v) => formatMs(v)))
  }
  if (r.size) {
    rows.push(section('Size (gzip -9)'))
    rows.push(valueRow('JavaScript, all chunks (English words only)', r.size.app.jsGzip, undefined, kB))
    rows.push(valueRow('CSS', r.size.app.cssGzip, undefined, kB))
    if (r.size.app.initialJsGzip !== undefined) rows.push(valueRow('JavaScript before first paint (the starter inline in index.html, the entry, which draws the first screen, and its English words)', r.size.app.initialJsGzip, r.size.baseline.jsGzipBytes ?? null, kB))
    rows.push(valueRow('loaded before first paint (JS + CSS)', r.size.app.initialGzip, r.size.baseline.gzipBytes, kB))
  }
  if (r.heap) {
    const h = r.heap
    rows.push(section('JS heap after GC, flapping at production settings (compressed ×10)'))
    rows.push(valueRow('at start (first status)', h.app.checkpoints[0]?.usedBytes ?? null, h.baseline.checkpoints[0]?.usedBytes ?? null, MB))
    rows.push(valueRow('after 10 min', usedAfterTenMinutes(h.app), usedAfterTenMinutes(h.baseline), MB))
    const filling = h.app.onceFull ? ' (bounded logs filling)' : ''
    rows.push([`growth over the first 10 min${filling}`, kB(h.app.growthBytes), kB(h.baseline.growthBytes), '–'])
    rows.push(['socket attempts / HTTP requests meanwhile', `${h.app.socketAttempts} / ${h.app.httpRequests}`, `${h.baseline.socketAttempts} / ${h.baseline.httpRequests}`, '–'])
    if (h.app.onceFull && h.baseline.onceFull) {
      rows.push(['bounded logs full after (events · socket attempts · poll failures)', logsFullCell(h.app), logsFullCell(h.baseline), '–'])
      rows.push(['growth over 10 min once the logs are full', onceFullCell(h.app), onceFullCell(h.baseline), '–'])
    }
  }
  return rows
}

/** A Markdown table (it reads as a plain table in a terminal too). */
export function renderTable(r: BenchResults): string {
  const header: Row = ['figure', 'app', 'baseline (old policy)', 'baseline ÷ app']
  const rows = [header, ['---', '---', '---', '---'] as Row, ...tableRows(r)]
  const widths = header.map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0)))
  return rows
    .map((row) => (row[0] === '---' ? `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |` : `| ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`))
    .join('\n')
}
