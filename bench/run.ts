/**
 * `npm run bench`: every figure for the app and for the old client's policy, measured in the same
 * run, printed as a table and written to bench/results.json. Figures are printed, never judged:
 * the gross-regression budget lives in tests/unit/budget.test.ts and tests/e2e/budget.test.ts.
 *
 * Order matters for noise: the Node-only figures (size, storm) run before Chromium starts; the
 * millisecond figures (first status, socket latency, cut) run one at a time; the figures measured
 * in seconds or over a window (flap, silent death, polling latency, request rates, heap) share
 * the machine with each other.
 *
 * `npm run bench -- --only storm,size` runs a subset (names: size storm first tbt latency recovery
 * steady); `--quick` runs fewer repetitions and a 20 s request window (for trying changes, not
 * for the committed results).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { parseArgs } from 'node:util'
import type { Browser } from 'playwright-core'
import { launchBrowser } from '../tools/browser/launch'
import { stopAll } from '../tools/processes/managed'
import { heapUnderFlapping } from './heap'
import { renderTable, type BenchResults } from './report'
import { requestRates } from './requests'
import { firstStatus, latency, preflight, recovery } from './scenarios'
import { pollingLatency } from './pollingLatency'
import { MOBILE_NETWORK } from './page'
import { CPU_SLOWDOWN, LIGHTHOUSE_MOBILE_NETWORK, mainThread } from './mainThread'
import { writeReadmeTable } from './readme'
import { buildBenchApp, startSite, type Site } from './site'
import { measureProductionBuild } from './size'
import { storm } from './storm'

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url))
const SECTIONS = ['size', 'storm', 'first', 'tbt', 'latency', 'recovery', 'steady'] as const
type Section = (typeof SECTIONS)[number]

const { values } = parseArgs({ options: { only: { type: 'string' }, quick: { type: 'boolean' }, out: { type: 'string' } } })
const only = new Set((values.only?.split(',') ?? SECTIONS).map((s) => s.trim()) as Section[])
const quick = values.quick === true

/** Run counts: modest, so the whole bench takes about ten minutes on two cores (the heap windows are the longest part). */
const SETTINGS = {
  // Nine: a first status takes about 100 ms on loopback and one load can take 50 ms more on a
  // shared machine; the median of five moved the baseline ÷ app ratio by 0.2 between runs of
  // the same code.
  firstStatusRuns: quick ? 3 : 9,
  /** Page loads per client on the emulated cheap phone (total blocking time, the hand-over). */
  mainThreadRuns: quick ? 1 : 3,
  cheapPhone: `CPU slowed down ${CPU_SLOWDOWN}× (Emulation.setCPUThrottlingRate); Lighthouse's mobile network as its devtools throttling applies it: ${LIGHTHOUSE_MOBILE_NETWORK.latencyMs} ms latency, ${LIGHTHOUSE_MOBILE_NETWORK.downloadKbps} kbps down, ${LIGHTHOUSE_MOBILE_NETWORK.uploadKbps} kbps up`,
  latencySamples: 5,
  /** Polling latency: updates per client, at phases spread evenly over one poll period. */
  pollingLatencySamples: quick ? 20 : 40,
  pollPeriodMs: 5000,
  pollingSamplesPerPage: 10,
  pollingConcurrentPages: 2,
  cutRuns: quick ? 2 : 4,
  flapRuns: quick ? 1 : 3,
  silentRuns: quick ? 1 : 3,
  flapMs: 15_000,
  recoveryWindowMs: 20_000,
  flapWindowMs: 45_000,
  silentWindowMs: 45_000,
  muteWindowMs: 60_000,
  mobileNetwork: 'Chromium DevTools emulation: 150 ms latency, 1.6 Mbps down, 750 kbps up',
  requestWindowMs: quick ? 20_000 : 60_000,
  stormClients: quick ? 200 : 1000,
  stormRestartMs: 3000,
  stormWindowMs: 90_000,
  appTiming: 'production defaults (docs/operations.md): poll 5 s, connect timeout 5 s, heartbeat 15 s / 5 s',
  simulator: 'production timing: welcome after 150 ms, status_update every 10 s, cut 80 ms after welcome',
}

function log(message: string): void {
  console.log(`[bench] ${new Date().toISOString().slice(11, 19)} ${message}`)
}

async function section<T>(name: string, errors: string[], body: () => Promise<T>): Promise<T | undefined> {
  const started = Date.now()
  log(`${name}…`)
  try {
    const result = await body()
    log(`${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`)
    return result
  } catch (error) {
    const message = `${name}: ${error instanceof Error ? error.message : String(error)}`
    errors.push(message)
    log(`FAILED ${message}`)
    return undefined
  }
}

function baselineSize(): { bytes: number; gzipBytes: number; jsGzipBytes: number } {
  const files = ['index.html', 'baseline.js'].map((file) => readFileSync(path.join(BENCH_DIR, 'baseline', file)))
  return {
    bytes: files.reduce((total, file) => total + file.length, 0),
    gzipBytes: files.reduce((total, file) => total + gzipSync(file, { level: 9 }).length, 0),
    jsGzipBytes: gzipSync(files[1] as Buffer, { level: 9 }).length,
  }
}

async function main(): Promise<void> {
  const started = Date.now()
  const errors: string[] = []
  const results: BenchResults = {
    generatedAt: new Date().toISOString(),
    durationMs: 0,
    machine: { cpus: os.cpus().length, node: process.version, chromium: '', platform: `${os.platform()} ${os.release()}` },
    settings: { ...SETTINGS, quick },
    errors,
  }

  if (only.has('size')) {
    const app = await section('size: vite build into a temp dir', errors, measureProductionBuild)
    if (app) results.size = { app, baseline: baselineSize() }
  }
  if (only.has('storm')) {
    const options = { clients: SETTINGS.stormClients, restartMs: SETTINGS.stormRestartMs, windowMs: SETTINGS.stormWindowMs }
    const app = await section(`storm: ${options.clients} app clients`, errors, () => storm('app', options))
    const baseline = await section(`storm: ${options.clients} baseline clients`, errors, () => storm('baseline', options))
    if (app && baseline) results.storm = { app, baseline }
  }

  const browserSections = (['first', 'tbt', 'latency', 'recovery', 'steady'] as const).filter((s) => only.has(s))
  if (browserSections.length > 0) {
    const build = await buildBenchApp()
    let browser: Browser | null = null
    const sites: Site[] = []
    try {
      browser = await launchBrowser()
      results.machine.chromium = browser.version()
      const site = async (fault?: 'refuse-upgrade' | 'cut-after-welcome' | 'hang-handshake'): Promise<Site> => {
        const s = await startSite(build, fault ? { fault } : {})
        sites.push(s)
        return s
      }
      const healthy = await site()
      const refused = await site('refuse-upgrade')
      const flapping = await site('cut-after-welcome')
      const hanging = await site('hang-handshake')
      const b = browser
      await preflight(b, healthy)

      if (only.has('first')) {
        const runs = SETTINGS.firstStatusRuns
        const healthyFs = await section('first status: healthy', errors, () => firstStatus(b, healthy, runs))
        const refusedFs = await section('first status: refused upgrade', errors, () => firstStatus(b, refused, runs))
        const flapFs = await section('first status: 1006 flap', errors, () => firstStatus(b, flapping, runs))
        const hangFs = await section('first status: hanging handshake', errors, () => firstStatus(b, hanging, runs))
        const mobileFs = await section('first status: healthy, emulated mobile network', errors, () =>
          firstStatus(b, healthy, runs, { network: MOBILE_NETWORK }),
        )
        // The API restarting too: socket refused, and the first three polls get 503 with Retry-After: 1.
        const retryAfterFs = await section('first status: three 503s with Retry-After: 1', errors, () =>
          firstStatus(b, refused, runs, { channelFault: 'poll-503-then-ok' }),
        )
        if (healthyFs && refusedFs && flapFs && hangFs) results.firstStatus = { healthy: healthyFs, refused: refusedFs, flap: flapFs, hang: hangFs }
        if (results.firstStatus && mobileFs) results.firstStatus.mobile = mobileFs
        if (results.firstStatus && retryAfterFs) results.firstStatus.retryAfter = retryAfterFs
      }
      if (only.has('tbt')) {
        // One page at a time, like the first-status rows: a busy second core would read as blocking time.
        const cheap = await section('main thread on a cheap phone', errors, () => mainThread(b, healthy, SETTINGS.mainThreadRuns))
        if (cheap) results.mainThread = cheap
      }
      let socketLatency = undefined
      if (only.has('latency')) {
        socketLatency = await section('latency over the socket', errors, () => latency(b, healthy, 'socket', SETTINGS.latencySamples))
      }
      if (only.has('recovery')) {
        const cut = await section('recovery: cut', errors, () =>
          recovery(b, healthy, 'cut', { runs: SETTINGS.cutRuns, windowMs: SETTINGS.recoveryWindowMs }),
        )
        const [flap, silent, mute] = await Promise.all([
          section('recovery: flap', errors, () =>
            recovery(b, healthy, 'flap', { runs: SETTINGS.flapRuns, windowMs: SETTINGS.flapWindowMs, flapMs: SETTINGS.flapMs }),
          ),
          section('recovery: silent death', errors, () =>
            recovery(b, healthy, 'silent', { runs: SETTINGS.silentRuns, windowMs: SETTINGS.silentWindowMs, phaseSpreadMs: 25_000 }),
          ),
          // Spread over the server's 10 s status cadence and the app's ping cycle.
          section('recovery: mute socket', errors, () =>
            recovery(b, healthy, 'mute', { runs: SETTINGS.silentRuns, windowMs: SETTINGS.muteWindowMs, phaseSpreadMs: 25_000 }),
          ),
        ])
        if (cut && flap && silent) results.recovery = { cut, flap, silent, ...(mute ? { mute } : {}) }
      }
      if (only.has('steady') || only.has('latency')) {
        const [requests, polled, heap] = await Promise.all([
          only.has('steady') ? section('requests per minute', errors, () => requestRates(b, healthy, refused, SETTINGS.requestWindowMs)) : undefined,
          only.has('latency')
            ? section('latency while polling', errors, () =>
                pollingLatency(b, refused, {
                  samples: SETTINGS.pollingLatencySamples,
                  periodMs: SETTINGS.pollPeriodMs,
                  samplesPerPage: SETTINGS.pollingSamplesPerPage,
                  concurrentPages: SETTINGS.pollingConcurrentPages,
                }),
              )
            : undefined,
          only.has('steady') ? section('heap under flapping', errors, () => heapUnderFlapping(b, flapping)) : undefined,
        ])
        if (requests) results.requests = requests
        if (heap) results.heap = heap
        if (socketLatency) results.latency = { socket: socketLatency }
        if (polled) results.pollingLatency = polled
      }
    } finally {
      await browser?.close().catch(() => undefined)
      for (const s of sites) await s.close().catch(() => undefined)
      build.remove()
    }
  }

  results.durationMs = Date.now() - started
  const out = values.out ?? path.join(BENCH_DIR, 'results.json')
  const table = renderTable(results)
  writeFileSync(out, `${JSON.stringify({ ...results, table: table.split('\n') }, null, 2)}\n`)
  console.log(`\n${table}\n`)
  if (errors.length > 0) console.log(`Not measured:\n${errors.map((e) => `  - ${e}`).join('\n')}\n`)
  // Only a full run (every section, not --quick, into bench/results.json) rewrites the README table.
  if (!values.only && !quick && !values.out) log(writeReadmeTable(out))
  log(`wrote ${path.relative(process.cwd(), out)} in ${(results.durationMs / 1000).toFixed(0)} s`)
}

main()
  .catch((error: unknown) => {
    console.error(error)
    process.exitCode = 1
  })
  .finally(() => stopAll())
