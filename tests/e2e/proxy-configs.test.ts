/**
 * The shipped proxy configs, checked without the app: nginx and Caddy in front of a tiny `ws`
 * echo server. Proves the harness's variants do what their names say (the no-Upgrade variant
 * fails the upgrade; a 2 s read timeout cuts a quiet socket with 1006 and no close frame; traffic
 * below it keeps the socket alive) and that the shipped headers, caching and SPA fallback hold.
 */
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import WebSocket, { WebSocketServer } from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { render } from '../../deploy/render.mjs'
import { freePort, stopAll, usePidDir } from '../../tools/processes/managed'
import { startCaddy } from './harness/caddy'
import { e2eRun, pidDirOf } from './harness/env'
import { nginxTemplate, startNginx, type NginxVariant } from './harness/nginx'

const run = e2eRun()
usePidDir(pidDirOf(run))

let backend: http.Server
let backendPort = 0
let distDir = ''

beforeAll(async () => {
  distDir = mkdtempSync(path.join(run.runDir, 'fake-dist-'))
  chmodSync(distDir, 0o755) // readable by nginx workers running as `nobody`
  mkdirSync(path.join(distDir, 'assets'))
  writeFileSync(path.join(distDir, 'index.html'), '<!doctype html><title>spa</title>')
  writeFileSync(path.join(distDir, 'assets', 'app-abc123.js'), 'export {}\n')
  // Big enough for both servers to compress (Caddy's `encode` skips bodies under 512 bytes).
  writeFileSync(path.join(distDir, 'assets', 'big-abc123.js'), `export const words = ${JSON.stringify('payment status '.repeat(200))}\n`)

  backend = http.createServer((req, res) => {
    // Like a `ws` server: a plain GET on the socket path is not an upgrade.
    const status = req.url?.startsWith('/ws/') ? 426 : 200
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ url: req.url, upgrade: req.headers.upgrade ?? null }))
  })
  const wss = new WebSocketServer({ server: backend, path: '/ws/payment-monitor' })
  wss.on('connection', (socket) => {
    socket.send(JSON.stringify({ type: 'connected' }))
    socket.on('message', (data) => socket.send(String(data)))
  })
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve))
  backendPort = (backend.address() as { port: number }).port
})

afterAll(async () => {
  await stopAll()
  backend?.closeAllConnections()
  await new Promise<void>((resolve) => (backend ? backend.close(() => resolve()) : resolve()))
})

interface SocketOutcome {
  opened: boolean
  welcomed: boolean
  /** HTTP status when the upgrade was answered with a plain response. */
  refusedWith: number | null
  closeCode: number | null
  /** ms from open to close. */
  lifetimeMs: number | null
}

/** Opens a socket, optionally pings every `pingEveryMs`, and closes it itself after `holdMs`. */
function probeSocket(url: string, holdMs: number, pingEveryMs = 0): Promise<SocketOutcome> {
  return new Promise((resolve) => {
    const outcome: SocketOutcome = { opened: false, welcomed: false, refusedWith: null, closeCode: null, lifetimeMs: null }
    const socket = new WebSocket(url, { origin: 'http://127.0.0.1:1', handshakeTimeout: 5000 })
    let openedAt = 0
    let ping: NodeJS.Timeout | undefined
    const hold = setTimeout(() => socket.close(1000), holdMs)
    const finish = (): void => {
      clearTimeout(hold)
      clearInterval(ping)
      resolve(outcome)
    }
    socket.on('open', () => {
      outcome.opened = true
      openedAt = Date.now()
      if (pingEveryMs > 0) ping = setInterval(() => socket.send('{"type":"ping"}'), pingEveryMs)
    })
    socket.on('message', (data) => {
      if (String(data).includes('"connected"')) outcome.welcomed = true
    })
    socket.on('unexpected-response', (_req, res) => {
      outcome.refusedWith = res.statusCode ?? null
      res.resume()
      socket.terminate()
      finish()
    })
    socket.on('error', () => undefined)
    socket.on('close', (code) => {
      outcome.closeCode = code
      outcome.lifetimeMs = openedAt ? Date.now() - openedAt : null
      finish()
    })
  })
}

async function get(url: string): Promise<{ status: number; headers: Headers; body: string }> {
  const res = await fetch(url, { redirect: 'manual' })
  return { status: res.status, headers: res.headers, body: await res.text() }
}

// The script rules live in the page's own CSP <meta> (they name the build's starter hash).
const CSP_PREFIX = "style-src 'self'; img-src 'self' data:; connect-src"

async function expectStaticSite(origin: string, connectSrc: string): Promise<void> {
  const deep = await get(`${origin}/some/deep/route?channelId=abcdef1234`)
  expect(deep.status).toBe(200)
  expect(deep.body).toContain('<title>spa</title>')
  expect(deep.headers.get('cache-control')).toBe('no-cache')
  const csp = deep.headers.get('content-security-policy') ?? ''
  expect(csp.startsWith(CSP_PREFIX)).toBe(true)
  expect(csp).toContain(`connect-src ${connectSrc};`)
  expect(csp).toContain("frame-ancestors https://dlux.io https://www.dlux.io https://vue.dlux.io; base-uri 'self'; form-action 'self'; object-src 'none'")
  expect(deep.headers.get('x-content-type-options')).toBe('nosniff')

  const asset = await get(`${origin}/assets/app-abc123.js`)
  expect(asset.status).toBe(200)
  expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
  expect(asset.headers.get('content-type')).toMatch(/javascript/)
  expect(asset.headers.get('content-security-policy')).toBe(csp)

  // Compressed for a client that says it can take gzip: a phone downloads a third of the bytes.
  const big = await fetch(`${origin}/assets/big-abc123.js`, { headers: { 'Accept-Encoding': 'gzip' } })
  expect(big.status).toBe(200)
  expect(big.headers.get('content-encoding')).toBe('gzip')
  expect(await big.text()).toContain('payment status payment status')

  const missing = await get(`${origin}/assets/gone-000000.js`)
  expect(missing.status).toBe(404)
  expect(missing.headers.get('cache-control') ?? '').not.toContain('immutable')

  const api = await get(`${origin}/api/onboarding/pricing`)
  expect(api.status).toBe(200)
  expect(JSON.parse(api.body)).toMatchObject({ url: '/api/onboarding/pricing' })
  expect(api.headers.get('cache-control')).toBeNull()
}

describe('render', () => {
  it('fills every placeholder and refuses a missing or an unused value', () => {
    expect(render('a ${ONE} $nginx_var ${TWO}', { ONE: '1', TWO: '2' })).toBe('a 1 $nginx_var 2')
    expect(() => render('${ONE}', {})).toThrow(/no value for ONE/)
    expect(() => render('${ONE}', { ONE: '1', TYPO: 'x' })).toThrow(/no placeholder for TYPO/)
  })

  it('derives the wrong nginx variants from the shipped file by small, checked edits', () => {
    const shipped = nginxTemplate('shipped')
    const noUpgrade = nginxTemplate('no-upgrade-headers')
    const diff = shipped.split('\n').filter((line) => !noUpgrade.split('\n').includes(line))
    expect(diff.map((line) => line.trim())).toEqual([
      'proxy_set_header Upgrade $http_upgrade;',
      'proxy_set_header Connection $connection_upgrade;',
    ])
    const short = nginxTemplate({ wsReadTimeout: '2s' })
    expect(short.length).toBe(shipped.length - 'proxy_read_timeout 3600s;'.length + 'proxy_read_timeout 2s;'.length)
    expect(short).toContain('proxy_read_timeout 2s;')
    // Only the socket route changes; the REST route keeps its own timeout.
    expect(short).toContain('proxy_read_timeout 60s;')
  })
})

describe('nginx (deploy/nginx.conf)', () => {
  async function withNginx(variant: NginxVariant, body: (origin: string) => Promise<void>): Promise<void> {
    const port = await freePort()
    const nginx = await startNginx(run.runDir, variant, { port, backendPort, distDir, cspConnectSrc: `'self' ws://127.0.0.1:${port}` })
    try {
      await body(`127.0.0.1:${port}`)
    } finally {
      await nginx.proc.stop()
    }
  }

  it('shipped: serves the SPA with its headers, proxies the API, carries a socket that stays quiet', async () => {
    await withNginx('shipped', async (host) => {
      await expectStaticSite(`http://${host}`, `'self' ws://${host}`)
      const outcome = await probeSocket(`ws://${host}/ws/payment-monitor`, 3000)
      expect(outcome).toMatchObject({ opened: true, welcomed: true, closeCode: 1000 })
      expect(outcome.lifetimeMs).toBeGreaterThanOrEqual(2900)
    })
  })

  it('without Upgrade/Connection headers: the upgrade fails', async () => {
    await withNginx('no-upgrade-headers', async (host) => {
      const outcome = await probeSocket(`ws://${host}/ws/payment-monitor`, 3000)
      expect(outcome.opened).toBe(false)
      expect(outcome.refusedWith).toBe(426)
    })
  })

  it('proxy_read_timeout 2s: a quiet socket is cut at about 2 s with 1006 (no close frame)', async () => {
    await withNginx({ wsReadTimeout: '2s' }, async (host) => {
      const outcome = await probeSocket(`ws://${host}/ws/payment-monitor`, 6000)
      expect(outcome).toMatchObject({ opened: true, welcomed: true, closeCode: 1006 })
      expect(outcome.lifetimeMs).toBeGreaterThanOrEqual(1800)
      expect(outcome.lifetimeMs).toBeLessThan(4000)
    })
  })

  it('proxy_read_timeout 2s: traffic every second keeps the socket alive (why the heartbeat must be shorter)', async () => {
    await withNginx({ wsReadTimeout: '2s' }, async (host) => {
      const outcome = await probeSocket(`ws://${host}/ws/payment-monitor`, 4500, 1000)
      expect(outcome).toMatchObject({ opened: true, welcomed: true, closeCode: 1000 })
    })
  })
})

describe('Caddy (deploy/Caddyfile)', () => {
  it('shipped: serves the SPA with its headers, proxies the API, carries a socket that stays quiet', async () => {
    const port = await freePort()
    const caddy = await startCaddy(run.runDir, { port, backendPort, distDir, cspConnectSrc: `'self' ws://127.0.0.1:${port}` })
    try {
      await expectStaticSite(`http://127.0.0.1:${port}`, `'self' ws://127.0.0.1:${port}`)
      const outcome = await probeSocket(`ws://127.0.0.1:${port}/ws/payment-monitor`, 3000)
      expect(outcome).toMatchObject({ opened: true, welcomed: true, closeCode: 1000 })
      expect(outcome.lifetimeMs).toBeGreaterThanOrEqual(2900)
    } finally {
      await caddy.proc.stop()
    }
  })
})
