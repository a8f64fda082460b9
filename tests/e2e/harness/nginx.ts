/**
 * nginx with the shipped deploy/nginx.conf. The shipped file is an http-context site file; the
 * wrapper below only adds what a non-daemon test process needs (prefix, pid, logs, temp paths),
 * the way Debian's /etc/nginx/nginx.conf does in production. The "wrong" variants are small,
 * checked edits of the shipped text, never a second copy of it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { deployValues } from '../../../build/deployValues'
import { placeholders, render } from '../../../deploy/render.mjs'
import { REPO_ROOT } from './env'
import { spawnManaged, waitForUrl, type ManagedProcess } from '../../../tools/processes/managed'

export const SHIPPED_NGINX_CONF = path.join(REPO_ROOT, 'deploy/nginx.conf')

/**
 * - `shipped`: the file as it ships.
 * - `no-upgrade-headers`: the socket route without `Upgrade`/`Connection`: the classic cause of 1006.
 * - `{ wsReadTimeout }`: the socket route's `proxy_read_timeout` set to this (e.g. `2s`): the
 *   idle-timeout pattern when it is shorter than the app's heartbeat.
 */
export type NginxVariant = 'shipped' | 'no-upgrade-headers' | { wsReadTimeout: string }

export function variantName(variant: NginxVariant): string {
  return typeof variant === 'string' ? variant : `ws-read-timeout-${variant.wsReadTimeout}`
}

/** The text of the `location /ws/ { … }` block, which holds no nested braces. */
function wsLocation(conf: string): { start: number; end: number } {
  const start = conf.indexOf('location /ws/ {')
  const end = start < 0 ? -1 : conf.indexOf('}', start)
  if (start < 0 || end < 0) throw new Error('deploy/nginx.conf: no `location /ws/ { … }` block')
  return { start, end: end + 1 }
}

/** Replaces exactly one match of `pattern` inside the /ws/ block; anything else is an error. */
function editWsLocation(conf: string, pattern: RegExp, replacement: string, what: string): string {
  const { start, end } = wsLocation(conf)
  const block = conf.slice(start, end)
  const matches = block.match(new RegExp(pattern.source, 'gm')) ?? []
  if (matches.length !== 1) {
    throw new Error(`deploy/nginx.conf: expected one ${what} in location /ws/, found ${matches.length}`)
  }
  return conf.slice(0, start) + block.replace(new RegExp(pattern.source, 'm'), replacement) + conf.slice(end)
}

/** The shipped template, transformed into a variant (placeholders untouched). */
export function nginxTemplate(variant: NginxVariant, shipped = readFileSync(SHIPPED_NGINX_CONF, 'utf8')): string {
  if (variant === 'shipped') return shipped
  if (variant === 'no-upgrade-headers') {
    const withoutUpgrade = editWsLocation(shipped, /^[ \t]*proxy_set_header Upgrade .*\n/, '', '`proxy_set_header Upgrade`')
    return editWsLocation(withoutUpgrade, /^[ \t]*proxy_set_header Connection .*\n/, '', '`proxy_set_header Connection`')
  }
  if (!/^\d+(ms|s|m)?$/.test(variant.wsReadTimeout)) throw new Error(`bad nginx time ${variant.wsReadTimeout}`)
  return editWsLocation(shipped, /proxy_read_timeout [^;]+;/, `proxy_read_timeout ${variant.wsReadTimeout};`, '`proxy_read_timeout`')
}

export interface NginxSite {
  port: number
  backendPort: number
  distDir: string
  /** CSP connect-src for the test origin. */
  cspConnectSrc: string
}

export function renderNginxSite(variant: NginxVariant, site: NginxSite): string {
  const template = nginxTemplate(variant)
  const values: Record<string, string> = {
    LISTEN: `127.0.0.1:${site.port}`,
    SERVER_NAME: '127.0.0.1',
    DIST_DIR: site.distDir,
    BACKEND: `127.0.0.1:${site.backendPort}`,
    CSP_CONNECT_SRC: site.cspConnectSrc,
    CSP_FRAME_ANCESTORS: deployValues({}).CSP_FRAME_ANCESTORS,
  }
  const expected = placeholders(template).sort().join(',')
  if (expected !== Object.keys(values).sort().join(',')) {
    throw new Error(`deploy/nginx.conf placeholders changed (${expected}): update harness/nginx.ts`)
  }
  return render(template, values)
}

/** The main-context wrapper a test process needs; production gets these from the distribution. */
function wrapper(prefix: string, sitePath: string): string {
  const p = (name: string): string => path.join(prefix, name)
  return `# Test-process wrapper around the shipped site file (tests/e2e/harness/nginx.ts).
daemon off;
worker_processes 1;
pid ${p('nginx.pid')};
error_log ${p('error.log')} info;
events { worker_connections 512; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log ${p('access.log')};
    client_body_temp_path ${p('temp/client_body')};
    proxy_temp_path ${p('temp/proxy')};
    fastcgi_temp_path ${p('temp/fastcgi')};
    uwsgi_temp_path ${p('temp/uwsgi')};
    scgi_temp_path ${p('temp/scgi')};
    include ${sitePath};
}
`
}

export interface RunningNginx {
  proc: ManagedProcess
  prefix: string
  /** The rendered site file, as nginx read it. */
  siteConf: string
  errorLog(): string
}

export async function startNginx(runDir: string, variant: NginxVariant, site: NginxSite): Promise<RunningNginx> {
  const prefix = path.join(runDir, `nginx-${variantName(variant)}-${site.port}-${Date.now()}`)
  mkdirSync(path.join(prefix, 'temp'), { recursive: true, mode: 0o755 })
  const siteConf = renderNginxSite(variant, site)
  const sitePath = path.join(prefix, 'site.conf')
  const mainPath = path.join(prefix, 'nginx.conf')
  writeFileSync(sitePath, siteConf)
  writeFileSync(mainPath, wrapper(prefix, sitePath))
  const proc = spawnManaged(`nginx (${variantName(variant)})`, 'nginx', ['-p', prefix, '-c', mainPath, '-e', path.join(prefix, 'error.log')])
  const errorLog = (): string => {
    try {
      return readFileSync(path.join(prefix, 'error.log'), 'utf8')
    } catch {
      return ''
    }
  }
  try {
    await waitForUrl(`http://127.0.0.1:${site.port}/index.html`, proc)
  } catch (error) {
    await proc.stop()
    throw new Error(`${String(error)}\nnginx error.log (end):\n${errorLog().slice(-3000)}`)
  }
  return { proc, prefix, siteConf, errorLog }
}
