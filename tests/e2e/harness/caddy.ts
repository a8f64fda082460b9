/**
 * Caddy with the shipped deploy/Caddyfile, under a global options block of the test's own: no
 * admin endpoint (it would bind :2019), no automatic HTTPS, nothing written to the real $HOME.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import tls from 'node:tls'
import { deployValues } from '../../../build/deployValues'
import { placeholders, render } from '../../../deploy/render.mjs'
import { REPO_ROOT } from './env'
import { spawnManaged, waitForUrl, waitUntil, type ManagedProcess } from '../../../tools/processes/managed'

export const SHIPPED_CADDYFILE = path.join(REPO_ROOT, 'deploy/Caddyfile')

export interface CaddySite {
  port: number
  backendPort: number
  distDir: string
  cspConnectSrc: string
  /**
   * Serve https with a certificate from Caddy's own local CA (`tls internal`): a self-signed front,
   * trusted only by whoever is handed the CA (RunningCaddy.caCertPath).
   */
  tlsInternal?: boolean
}

export function renderCaddyfile(site: CaddySite): string {
  const template = readFileSync(SHIPPED_CADDYFILE, 'utf8')
  const siteAddress = `${site.tlsInternal ? 'https' : 'http'}://127.0.0.1:${site.port}`
  const values: Record<string, string> = {
    SITE_ADDRESS: siteAddress,
    DIST_DIR: site.distDir,
    BACKEND: `127.0.0.1:${site.backendPort}`,
    CSP_CONNECT_SRC: site.cspConnectSrc,
    CSP_FRAME_ANCESTORS: deployValues({}).CSP_FRAME_ANCESTORS,
  }
  const expected = placeholders(template).sort().join(',')
  if (expected !== Object.keys(values).sort().join(',')) {
    throw new Error(`deploy/Caddyfile placeholders changed (${expected}): update harness/caddy.ts`)
  }
  const rendered = render(template, values)
  if (!site.tlsInternal) {
    // Global options must come first in a Caddyfile; the shipped file has none of its own.
    return `{\n\tadmin off\n\tauto_https off\n}\n\n${rendered}`
  }
  // The one site block gets `tls internal`; nothing is installed in the system trust store, and a
  // client that sends no SNI (an IP address) still gets the site's certificate.
  const opening = `${siteAddress} {\n`
  if (rendered.split(opening).length !== 2) throw new Error('deploy/Caddyfile: expected one site block opening')
  return `{\n\tadmin off\n\tskip_install_trust\n\tdefault_sni 127.0.0.1\n}\n\n${rendered.replace(opening, `${opening}\ttls internal\n`)}`
}

export interface RunningCaddy {
  proc: ManagedProcess
  dir: string
  caddyfile: string
  /** With `tlsInternal`: the root certificate of Caddy's local CA (PEM). */
  caCertPath: string | null
}

/** True once a TLS handshake with the given CA succeeds on the port. */
function tlsAnswers(port: number, ca: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tls.connect({ host: '127.0.0.1', port, ca, timeout: 2000 })
    const done = (ok: boolean): void => {
      socket.destroy()
      resolve(ok)
    }
    socket.once('secureConnect', () => done(socket.authorized))
    socket.once('error', () => done(false))
    socket.once('timeout', () => done(false))
  })
}

export async function startCaddy(runDir: string, site: CaddySite): Promise<RunningCaddy> {
  const dir = path.join(runDir, `caddy-${site.port}-${Date.now()}`)
  mkdirSync(dir, { recursive: true })
  const caddyfile = renderCaddyfile(site)
  const file = path.join(dir, 'Caddyfile')
  writeFileSync(file, caddyfile)
  const env = { ...process.env, HOME: dir, XDG_CONFIG_HOME: path.join(dir, 'config'), XDG_DATA_HOME: path.join(dir, 'data') }
  const proc = spawnManaged('caddy', 'caddy', ['run', '--config', file, '--adapter', 'caddyfile'], { env, cwd: dir })
  const caCertPath = site.tlsInternal ? path.join(dir, 'data/caddy/pki/authorities/local/root.crt') : null
  try {
    if (caCertPath) {
      await waitUntil('Caddy to serve its internal certificate', async () => {
        if (proc.child.exitCode !== null) throw new Error(`caddy exited:\n${proc.output()}`)
        return existsSync(caCertPath) && (await tlsAnswers(site.port, readFileSync(caCertPath, 'utf8')))
      })
    } else {
      await waitForUrl(`http://127.0.0.1:${site.port}/index.html`, proc)
    }
  } catch (error) {
    await proc.stop()
    throw error
  }
  return { proc, dir, caddyfile, caCertPath }
}
