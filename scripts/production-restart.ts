/**
 * How long the page takes to be back on the socket after the PRODUCTION socket server is killed
 * and started again: `npx tsx scripts/production-restart.ts --docker-data <dir> [--down-ms 10000]
 * [--runs 3] [--healthy-ms 20000]`. The target (README, connection policy): back on the socket at
 * most 15 s after the server returns.
 *
 * Needs a checkout of https://github.com/dluxio/docker-data (none is kept in this repository). Its
 * api/wsmonitor.js runs unchanged in a child Node process on 127.0.0.1 with stubs for what it
 * requires besides `ws` (a fake `pg` answering the one channel, `../config`,
 * `./device-connection-ws`, `./blockchain-monitor`; see production-restart/productionSocket.ts).
 * The REST status route is answered by this process in the production JSON shape (the same
 * channel), so polling works while the socket server is down; in production one process serves
 * both, and a real crash takes the REST API down with it.
 *
 * Each run: a fresh Chromium page on the production build of the app, open on the socket for
 * --healthy-ms, then SIGKILL of the socket server by PID (no close frame), --down-ms of nothing
 * listening, a new process on the same port, and the time from that process listening until the
 * page's `connection-state` hook says `open` again. Every child ends by PID; a hard overall
 * timeout ends the run. Each run's diagnostics report and hook timeline go to
 * test-results/production-restart/. Exit 0 once measured (the table says whether the target was
 * met), 2 on bad usage, 1 when the run itself failed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchBrowser } from '../tools/browser/launch'
import { Recorder } from '../tools/browser/recorder'
import { freePort, waitUntil } from '../tools/processes/managed'
import { buildApp } from './production-restart/appBuild'
import { parseArgs, UsageError, USAGE, type RestartOptions } from './production-restart/args'
import { channelRow, type ChannelRow } from './production-restart/channel'
import { renderTable, runFigures, type RunFigures } from './production-restart/figures'
import { startFront, type Front } from './production-restart/front'
import { diagnosticsReport } from '../tools/browser/diagnosticsReport'
import { productionSocket, type ProductionSocket } from './production-restart/productionSocket'
import { BACK_AFTER_RESTART_MS } from '../src/core/machine/socketSupervisor'

const REPO_ROOT = path.resolve(import.meta.dirname, '..')
const OUT_DIR = path.join(REPO_ROOT, 'test-results/production-restart')
const FIRST_OPEN_MS = 45_000
/** How long a run waits for the page to be back after the restart before calling it "not back". */
const BACK_LIMIT_MS = 90_000

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const stamp = (ms: number) => `${(ms / 1000).toFixed(1)} s`

interface RunPage {
  context: BrowserContext
  page: Page
  recorder: Recorder
  errors: string[]
}

/** A page in a fresh context (no storage from an earlier run), its recorder attached before it loads. */
async function openPage(browser: Browser): Promise<RunPage> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 1400 } })
  // tsx compiles with esbuild's keepNames, which wraps named functions in a `__name()` helper the
  // page does not have; the recorder's page script needs it defined there first (as bench/page.ts).
  await context.addInitScript({ content: 'globalThis.__name = (fn) => fn' })
  const recorder = await Recorder.attach(context)
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(String(error)))
  return { context, page, recorder, errors }
}

interface Stack {
  dir: string
  socket: ProductionSocket | null
  front: Front | null
  browser: Browser | null
  page: RunPage | null
}

const stack: Stack = { dir: '', socket: null, front: null, browser: null, page: null }

/** Teardown in one order: the page and browser, the front, the socket server, the temp folder. */
async function cleanUp(): Promise<void> {
  const quietly = (work: Promise<unknown> | undefined) => work?.catch(() => undefined)
  await quietly(stack.page?.context.close())
  await quietly(stack.browser?.close())
  await quietly(stack.front?.close())
  await quietly(stack.socket?.stop())
  if (stack.dir) rmSync(stack.dir, { recursive: true, force: true })
}

function lastState(page: RunPage): string | null {
  return page.recorder.snapshots[page.recorder.snapshots.length - 1]?.state ?? null
}

async function oneRun(run: number, options: RestartOptions, socket: ProductionSocket, front: Front, row: ChannelRow): Promise<RunFigures> {
  if (!stack.browser) throw new Error('no browser')
  const page = await openPage(stack.browser)
  stack.page = page
  await page.page.goto(`${front.origin}/?channelId=${row.channel_id}`, { waitUntil: 'domcontentloaded' })
  await waitUntil('the page to be open on the socket', () => lastState(page) === 'open', { timeoutMs: FIRST_OPEN_MS }).catch((error: unknown) => {
    throw new Error(`run ${run}: ${String(error)}\n${page.recorder.timeline()}\n${page.errors.join('\n')}`)
  })
  console.log(`run ${run}: open on the socket; healthy for ${stamp(options.healthyMs)}`)
  await sleep(options.healthyMs)
  if (lastState(page) !== 'open') throw new Error(`run ${run}: the page left the healthy socket before the kill:\n${page.recorder.timeline()}`)

  const killedAt = Date.now()
  await socket.kill()
  console.log(`run ${run}: socket server killed (SIGKILL); down for ${stamp(options.downMs)}`)
  await sleep(Math.max(0, killedAt + options.downMs - Date.now()))
  const restartedAt = await socket.start()
  console.log(`run ${run}: socket server listening again after ${stamp(restartedAt - killedAt)}`)

  const events = (report = '') => ({ run, killedAt, restartedAt, snapshots: page.recorder.snapshots, polls: front.polls, report })
  await waitUntil('the page to be back on the socket', () => runFigures(events()).backMs !== null, { timeoutMs: BACK_LIMIT_MS, everyMs: 50 }).catch(
    () => console.log(`run ${run}: not back on the socket ${stamp(BACK_LIMIT_MS)} after the restart`),
  )
  const report = await diagnosticsReport(page)
  mkdirSync(OUT_DIR, { recursive: true })
  writeFileSync(path.join(OUT_DIR, `run-${run}-report.txt`), report)
  writeFileSync(path.join(OUT_DIR, `run-${run}-hooks.txt`), `killed at ${new Date(killedAt).toISOString()}, listening again at ${new Date(restartedAt).toISOString()}\n${page.recorder.timeline()}\n`)
  const figures = runFigures(events(report))
  console.log(`run ${run}: back on the socket ${figures.backMs === null ? 'never' : `${stamp(figures.backMs)} after the restart`} (${figures.states.join(' → ')})`)
  await page.context.close()
  stack.page = null
  return figures
}

async function main(options: RestartOptions): Promise<void> {
  stack.dir = mkdtempSync(path.join(os.tmpdir(), 'production-restart-'))
  const [wsPort, frontPort] = [await freePort(), await freePort()]
  const row = channelRow(Date.now())
  const socket = productionSocket(options.wsmonitorFile, stack.dir, wsPort, row, REPO_ROOT)
  stack.socket = socket
  await socket.start()
  console.log(`production socket server (${options.wsmonitorFile}) on ws://127.0.0.1:${wsPort}/ws/payment-monitor`)
  const distDir = path.join(stack.dir, 'dist')
  const wsUrl = `ws://127.0.0.1:${wsPort}/ws/payment-monitor`
  const apiUrl = `http://localhost:${frontPort}`
  console.log('building the app (production mode)…')
  await buildApp(REPO_ROOT, distDir, wsUrl, apiUrl)
  stack.front = await startFront(distDir, frontPort, row)
  stack.browser = await launchBrowser()
  const runs: RunFigures[] = []
  for (let run = 1; run <= options.runs; run++) runs.push(await oneRun(run, options, socket, stack.front, row))
  console.log(`\n${renderTable(runs, BACK_AFTER_RESTART_MS)}\n\nreports and hook timelines: ${path.relative(process.cwd(), OUT_DIR)}/`)
  const unanswered = socket.output().split('\n').filter((line) => line.includes('[fake pg] unanswered'))
  if (unanswered.length) console.log(`the fake database was asked what it cannot answer:\n${[...new Set(unanswered)].join('\n')}`)
}

let options: RestartOptions
try {
  const parsed = parseArgs(process.argv.slice(2))
  if (parsed === 'help') {
    console.log(USAGE)
    process.exit(0)
  }
  options = parsed
} catch (error) {
  if (!(error instanceof UsageError)) throw error
  console.error(`production-restart: ${error.message}\n\n${USAGE}`)
  process.exit(2)
}

const budgetMs = 240_000 + options.runs * (FIRST_OPEN_MS + options.healthyMs + options.downMs + BACK_LIMIT_MS + 30_000)
const deadline = setTimeout(() => {
  console.error(`production-restart: gave up after ${stamp(budgetMs)} (hard timeout)`)
  void cleanUp().finally(() => process.exit(1))
}, budgetMs)
process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)))

try {
  await main(options)
  await cleanUp()
  clearTimeout(deadline)
} catch (error) {
  console.error(`production-restart: ${error instanceof Error ? error.message : String(error)}`)
  if (stack.socket) console.error(`socket server output:\n${stack.socket.output().slice(-3000)}`)
  await cleanUp()
  clearTimeout(deadline)
  process.exitCode = 1
}
