/**
 * The app, built once per run for the front origin http://127.0.0.1:<frontPort>.
 *
 * Why one build serves every case: endpoints are fixed at build time and ports are ephemeral, so
 * the run picks one front port first (globalSetup) and builds against it. Every case then puts its
 * front on that port: nginx or Caddy serving the build and proxying /ws/ and /api/ to a simulator
 * on an ephemeral port (same origin, as the shipped configs deploy it), or in direct cases the
 * simulator itself, with the page from a static server on another port (cross-origin, as
 * vue.dlux.io talks to data.dlux.io). Files run one at a time, so the port is never contended.
 * One Vite build (seconds) instead of one per origin keeps the run well under ten minutes on two
 * cores.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { REPO_ROOT, TIMING, type E2eRun } from './env'
import { spawnManaged } from '../../../tools/processes/managed'

export interface AppBuild {
  distDir: string
  wsUrl: string
  apiUrl: string
}

export function frontOrigin(run: E2eRun): string {
  return `http://127.0.0.1:${run.frontPort}`
}

export async function ensureBuild(run: E2eRun): Promise<AppBuild> {
  const distDir = path.join(run.runDir, 'dist')
  const marker = path.join(run.runDir, 'build.json')
  const build: AppBuild = {
    distDir,
    wsUrl: `ws://127.0.0.1:${run.frontPort}/ws/payment-monitor`,
    apiUrl: frontOrigin(run),
  }
  if (existsSync(marker) && existsSync(path.join(distDir, 'index.html'))) {
    return JSON.parse(readFileSync(marker, 'utf8')) as AppBuild
  }
  const env = {
    ...process.env,
    // Vitest sets NODE_ENV=test, which would make Vite build a development bundle (simulator strip
    // and all): the tests must exercise what ships.
    NODE_ENV: 'production',
    VITE_PAYMENT_WS_URL: build.wsUrl,
    VITE_PAYMENT_API_URL: build.apiUrl,
    VITE_POLL_INTERVAL_MS: String(TIMING.pollIntervalMs),
    VITE_CONNECT_TIMEOUT_MS: String(TIMING.connectTimeoutMs),
    VITE_HEARTBEAT_INTERVAL_MS: String(TIMING.heartbeatIntervalMs),
    VITE_HEARTBEAT_TIMEOUT_MS: String(TIMING.heartbeatTimeoutMs),
  }
  const started = Date.now()
  const vite = spawnManaged(
    'vite build',
    process.execPath,
    [path.join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', distDir, '--emptyOutDir', '--logLevel', 'warn'],
    { cwd: REPO_ROOT, env },
  )
  const result = await Promise.race([
    vite.exited,
    new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 150_000)),
  ])
  if (result !== '0') {
    await vite.stop()
    throw new Error(`vite build failed (${result}):\n${vite.output()}`)
  }
  writeFileSync(marker, JSON.stringify(build, null, 2))
  console.log(`[e2e] built the app in ${Date.now() - started} ms for ${build.apiUrl}`)
  return build
}
