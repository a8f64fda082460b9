/**
 * Caddy with the shipped deploy/Caddyfile, under a global options block of the test's own: no
 * admin endpoint (it would bind :2019), no automatic HTTPS, nothing written to the real $HOME.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { placeholders, render } from '../../../deploy/render.mjs'
import { REPO_ROOT } from './env'
import { spawnManaged, waitForUrl, type ManagedProcess } from './processes'

export const SHIPPED_CADDYFILE = path.join(REPO_ROOT, 'deploy/Caddyfile')

export interface CaddySite {
  port: number
  backendPort: number
  distDir: string
  cspConnectSrc: string
}

export function renderCaddyfile(site: CaddySite): string {
  const template = readFileSync(SHIPPED_CADDYFILE, 'utf8')
  const values: Record<string, string> = {
    SITE_ADDRESS: `http://127.0.0.1:${site.port}`,
    DIST_DIR: site.distDir,
    BACKEND: `127.0.0.1:${site.backendPort}`,
    CSP_CONNECT_SRC: site.cspConnectSrc,
  }
  const expected = placeholders(template).sort().join(',')
  if (expected !== Object.keys(values).sort().join(',')) {
    throw new Error(`deploy/Caddyfile placeholders changed (${expected}): update harness/caddy.ts`)
  }
  // Global options must come first in a Caddyfile; the shipped file has none of its own.
  return `{\n\tadmin off\n\tauto_https off\n}\n\n${render(template, values)}`
}

export interface RunningCaddy {
  proc: ManagedProcess
  dir: string
  caddyfile: string
}

export async function startCaddy(runDir: string, site: CaddySite): Promise<RunningCaddy> {
  const dir = path.join(runDir, `caddy-${site.port}-${Date.now()}`)
  mkdirSync(dir, { recursive: true })
  const caddyfile = renderCaddyfile(site)
  const file = path.join(dir, 'Caddyfile')
  writeFileSync(file, caddyfile)
  const env = { ...process.env, HOME: dir, XDG_CONFIG_HOME: path.join(dir, 'config'), XDG_DATA_HOME: path.join(dir, 'data') }
  const proc = spawnManaged('caddy', 'caddy', ['run', '--config', file, '--adapter', 'caddyfile'], { env, cwd: dir })
  try {
    await waitForUrl(`http://127.0.0.1:${site.port}/index.html`, proc)
  } catch (error) {
    await proc.stop()
    throw error
  }
  return { proc, dir, caddyfile }
}
