/**
 * Builds the app with `vite build` into a temporary directory (never `dist/`, which other people
 * use), with the environment given. One build takes about a second, so each concern builds its own.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

export interface AppBuild {
  /** The directory holding index.html and assets/. */
  outDir: string
  /** rollup-plugin-visualizer's per-module sizes (`raw-data`), when asked for. */
  statsFile?: string
  /** Removes the temporary directory. */
  remove(): void
}

/** Build-time variables (docs/operations.md); unset ones keep the production defaults. */
export type BuildEnv = Partial<
  Record<
    | 'VITE_PAYMENT_WS_URL'
    | 'VITE_PAYMENT_API_URL'
    | 'VITE_POLL_INTERVAL_MS'
    | 'VITE_CONNECT_TIMEOUT_MS'
    | 'VITE_HEARTBEAT_INTERVAL_MS'
    | 'VITE_HEARTBEAT_TIMEOUT_MS',
    string
  >
>

export interface BuildOptions {
  /** Also write the per-module breakdown (vite.config.ts reads BUNDLE_STATS_FILE). @default false */
  stats?: boolean
  /** Minify as production does; off, a CPU profile names the functions as the source does. @default true */
  minify?: boolean
}

export async function buildApp(label: string, env: BuildEnv = {}, options: BuildOptions = {}): Promise<AppBuild> {
  const root = mkdtempSync(path.join(os.tmpdir(), `dlux-bench-${label}-`))
  const outDir = path.join(root, 'dist')
  const statsFile = options.stats ? path.join(root, 'stats.json') : undefined
  // Variables the caller did not set must not leak in from the shell (a stray VITE_* would change
  // the figures), so every build variable is removed first.
  const cleanEnv: NodeJS.ProcessEnv = { ...process.env }
  for (const key of Object.keys(cleanEnv)) if (key.startsWith('VITE_') || key === 'BUNDLE_STATS_FILE') delete cleanEnv[key]
  await new Promise<void>((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn', ...(options.minify === false ? ['--minify', 'false'] : [])],
      // NODE_ENV=production: under Vitest (the budget test) it is `test`, which builds a dev bundle.
      { cwd: REPO_ROOT, env: { ...cleanEnv, NODE_ENV: 'production', ...env, ...(statsFile ? { BUNDLE_STATS_FILE: statsFile } : {}) }, timeout: 150_000, maxBuffer: 10 * 1024 * 1024 },
      (error, stdout, stderr) => (error ? reject(new Error(`vite build (${label}) failed: ${error.message}\n${stdout}${stderr}`)) : resolve()),
    )
  })
  if (!existsSync(path.join(outDir, 'index.html'))) throw new Error(`vite build (${label}) wrote no index.html`)
  if (statsFile && !existsSync(statsFile)) throw new Error(`vite build (${label}) wrote no bundle stats`)
  return { outDir, statsFile, remove: () => rmSync(root, { recursive: true, force: true }) }
}
