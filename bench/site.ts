/**
 * One benchmark "site": a payment simulator in this process on an ephemeral port, and a static
 * server on another port that serves the app build pointed at that simulator, plus the baseline page.
 *
 * Why a placeholder port: endpoints are fixed at build time (docs/operations.md), and scenarios with a
 * global fault each need a simulator of their own. The app is built once with the simulator URL
 * `127.0.0.1:PLACEHOLDER_PORT` and each static server swaps in its simulator's port when it serves
 * the JavaScript and index.html (whose CSP names the endpoints): the same bytes a build for that port would give, without one build per scenario.
 */
import { readdirSync, readFileSync } from 'node:fs'
import http from 'node:http'
import { gzipSync } from 'node:zlib'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createSimulator, type Simulator, type SimulatorOptions } from '../server/simulator'
import { scriptHashSource } from '../build/inlineStarter'
import { buildApp, type AppBuild, type BuildOptions } from './build'
import { contentTypeOf, fileUnder } from '../tools/staticFiles'

/** What a static host compresses: the text the page loads. */
const COMPRESSED = new Set(['.html', '.js', '.css', '.svg'])

export const PLACEHOLDER_PORT = 59997
const PLACEHOLDER_HOST = `127.0.0.1:${PLACEHOLDER_PORT}`
const BASELINE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'baseline')

/** The app built against the placeholder simulator, with production timing (docs/operations.md). */
export async function buildBenchApp(options: BuildOptions = {}): Promise<AppBuild> {
  const build = await buildApp(
    'app',
    {
      VITE_PAYMENT_WS_URL: `ws://${PLACEHOLDER_HOST}/ws/payment-monitor`,
      VITE_PAYMENT_API_URL: `http://${PLACEHOLDER_HOST}`,
    },
    options,
  )
  // The endpoints live in the starter inline in index.html and in the app's chunks.
  const assets = path.join(build.outDir, 'assets')
  const files = [path.join(build.outDir, 'index.html'), ...readdirSync(assets).filter((file) => file.endsWith('.js')).map((file) => path.join(assets, file))]
  const holders = files.filter((file) => readFileSync(file, 'utf8').includes(PLACEHOLDER_HOST))
  if (!holders.includes(files[0] as string) || holders.length < 2) {
    throw new Error('bench build: the placeholder simulator URL is not in index.html and the app; site.ts cannot point it')
  }
  return build
}


export type ClientKind = 'app' | 'baseline'

export interface Site {
  sim: Simulator
  /** Static origin the pages load from (cross-origin to the simulator, as vue.dlux.io to data.dlux.io). */
  origin: string
  pageUrl(kind: ClientKind, channelId: string): string
  close(): Promise<void>
}


const INLINE_SCRIPT = /<script>([\s\S]*?)<\/script>/

/**
 * index.html with the simulator's host swapped in. The inline starter names the endpoints too, so
 * its CSP hash becomes the one a build for that host would have.
 */
function htmlFor(html: string, simHost: string): string {
  const before = INLINE_SCRIPT.exec(html)?.[1]
  const swapped = html.replaceAll(PLACEHOLDER_HOST, simHost)
  const after = INLINE_SCRIPT.exec(swapped)?.[1]
  // The meta tag holds the source HTML-escaped (`&#39;sha256-…&#39;`): swap the hash inside the quotes.
  const hash = (code: string): string => scriptHashSource(code).slice(1, -1)
  return before === undefined || after === undefined ? swapped : swapped.replace(hash(before), hash(after))
}

export async function startSite(build: AppBuild, options: SimulatorOptions = {}): Promise<Site> {
  const sim = await createSimulator({ quiet: true, ...options })
  const simHost = `127.0.0.1:${sim.port}`
  const appRoot = path.resolve(build.outDir)
  const server = http.createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://x')
    let file: string | null
    try {
      file = pathname.startsWith('/baseline/')
        ? fileUnder(BASELINE_DIR, pathname.slice('/baseline'.length))
        : (fileUnder(appRoot, pathname) ?? (pathname.startsWith('/assets/') ? null : path.join(appRoot, 'index.html')))
    } catch {
      file = null
    }
    if (!file) {
      res.writeHead(404).end('not found')
      return
    }
    const ext = path.extname(file)
    let body: Buffer | string = readFileSync(file)
    // The JavaScript holds the endpoints, and index.html's CSP meta (connect-src) names them too.
    if (ext === '.js' && file.startsWith(appRoot)) body = body.toString('utf8').replaceAll(PLACEHOLDER_HOST, simHost)
    if (ext === '.html' && file.startsWith(appRoot)) body = htmlFor(body.toString('utf8'), simHost)
    const headers: http.OutgoingHttpHeaders = { 'content-type': contentTypeOf(file), 'cache-control': 'no-store', vary: 'Accept-Encoding' }
    // Compressed as the shipped deploy configs serve it (deploy/nginx.conf gzip, deploy/Caddyfile
    // encode), for the app and the baseline alike: on the emulated phone link, bytes are time.
    if (COMPRESSED.has(ext) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      body = gzipSync(body, { level: 6 })
      headers['content-encoding'] = 'gzip'
    }
    res.writeHead(200, headers)
    res.end(body)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const address = server.address()
  if (typeof address !== 'object' || !address) throw new Error('static server: no address')
  const origin = `http://127.0.0.1:${address.port}`
  return {
    sim,
    origin,
    pageUrl(kind, channelId) {
      const id = encodeURIComponent(channelId)
      if (kind === 'app') return `${origin}/?channelId=${id}`
      return `${origin}/baseline/index.html?channelId=${id}&ws=${encodeURIComponent(sim.wsUrl)}&api=${encodeURIComponent(sim.url)}`
    },
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await sim.close()
    },
  }
}
