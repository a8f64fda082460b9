/**
 * Size budget, on size-limit's figures and the limits in `.size-limit.json` (`npx size-limit`
 * checks the same after `npm run build`): the JavaScript index.html loads before the first paint,
 * and all JavaScript. The limits sit 1 to 3 kB above today's size, so a real regression fails here; the
 * figures and what makes them up come from `npm run bench`. The same build shows that the page
 * starts early: preconnects its CSP allows (build/startEarly.ts), nothing but the entry competing
 * with the first screen, and the app's chunks fetched together once the entry imports it.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp, type AppBuild } from '../../bench/build'
import { checkSizes, type SizeCheckResult } from '../../bench/sizeLimit'
import { measureBuild } from '../../bench/size'
import { scriptHashSource } from '../../build/inlineStarter'
import { preconnectOrigins } from '../../build/startEarly'
import { COMPILE_HINT, HINTED_CHUNKS } from '../../build/compileHints'
import { LANGUAGES } from '../../src/core/i18n/languages'

let build: AppBuild
let results: SizeCheckResult[]

beforeAll(async () => {
  build = await buildApp('budget')
  results = await checkSizes(build.outDir)
}, 180_000)

afterAll(() => build?.remove())

const list = (r: SizeCheckResult): string => r.files.map((f) => path.basename(f)).join(', ')

describe('bundle size budget (size-limit)', () => {
  it('keeps every check of .size-limit.json within its limit', () => {
    expect(results.length).toBeGreaterThan(0)
    for (const r of results) {
      expect(r.files.length, `${r.name}: its globs match files`).toBeGreaterThan(0)
      expect(r.size, `${r.name} (${list(r)}), gzipped bytes`).toBeLessThanOrEqual(r.limitBytes)
    }
  })

  it('counts as "before first paint", per language, exactly the page, the JavaScript index.html loads and that language\'s first-screen words', () => {
    const html = readFileSync(path.join(build.outDir, 'index.html'), 'utf8')
    const loaded = [...html.matchAll(/(?:src|href)="\/assets\/([\w.-]+\.js)"/g)].map((m) => m[1])
    const firstPaint = results.filter((r) => /first paint/i.test(r.name))
    expect(firstPaint.map((r) => r.files.find((f) => f.includes('/words/'))?.replace(/.*\/words\/(.+)-first-.*/, '$1')).sort()).toEqual([...LANGUAGES].sort())
    for (const check of firstPaint) {
      const words = check.files.filter((f) => f.includes('/words/'))
      expect(words, check.name).toHaveLength(1)
      expect(check.files.filter((f) => !f.includes('/words/')).map((f) => path.basename(f)).sort(), check.name).toEqual(['index.html', ...loaded].sort())
    }
  })

  it.each(LANGUAGES)('holds the JavaScript before the first paint in %s (starter, entry, first-screen words) to 14,000 B gzipped', (language) => {
    const size = measureBuild(build.outDir, undefined, language)
    const firstPaint = size.assets.filter((asset) => asset.initial && asset.file.endsWith('.js'))
    const names = firstPaint.map((asset) => asset.file.replace(/-[\w-]{8}\.js$/, '.js'))
    expect(names.sort()).toEqual(['index.html inline script 1.js', 'index.js', `words/${language}-first.js`].sort())
    expect(size.initialJsGzip).toBeLessThanOrEqual(14_000)
  })

  it('counts every chunk but other languages\' words in each language\'s all-JavaScript check', () => {
    const all = readdirSync(path.join(build.outDir, 'assets')).filter((f) => f.endsWith('.js'))
    const words = readdirSync(path.join(build.outDir, 'assets/words'))
    const checks = results.filter((r) => /all javascript/i.test(r.name))
    expect(checks).toHaveLength(LANGUAGES.length)
    for (const language of LANGUAGES) {
      const check = checks.find((r) => r.files.some((f) => f.includes(`/words/${language}-first-`)))
      expect(check, language).toBeDefined()
      const mine = words.filter((f) => f.startsWith(`${language}-first-`) || f.startsWith(`${language}-page-`))
      expect(check?.files.map((f) => path.basename(f)).sort(), language).toEqual([...all, ...mine].sort())
    }
  })

  it('ships no dev-only simulator code', () => {
    const all = results.flatMap((r) => r.files).map((f) => readFileSync(f, 'utf8'))
    expect(all.some((code) => code.includes('/__sim/'))).toBe(false)
  })
})

describe('the built index.html starts early', () => {
  const html = () => readFileSync(path.join(build.outDir, 'index.html'), 'utf8')

  it('preconnects to the API and socket origins, both of which its CSP allows to connect', () => {
    const page = html()
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(page)?.[1]?.replaceAll('&#39;', "'") ?? ''
    const connect = /connect-src ([^;]+)/.exec(csp)?.[1]?.split(' ') ?? []
    const preconnects = [...page.matchAll(/<link rel="preconnect" href="([^"]+)"/g)].map((m) => m[1])
    expect(preconnects).toEqual(['https://data.dlux.io', 'https://data.dlux.io'])
    expect(connect).toEqual(expect.arrayContaining(['https://data.dlux.io', 'wss://data.dlux.io']))
  })

  it('has one inline script, the starter, and its CSP allows exactly that script', () => {
    const page = html()
    const inline = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] as string)
    expect(inline).toHaveLength(1)
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(page)?.[1]?.replaceAll('&#39;', "'") ?? ''
    const scriptSrc = /script-src ([^;]+)/.exec(csp)?.[1]?.split(' ') ?? []
    expect(scriptSrc).toEqual(["'self'", scriptHashSource(inline[0] as string)])
    // Before the stylesheet (an inline script waits for the stylesheets above it) and the entry.
    expect(page.indexOf('<script>')).toBeLessThan(page.indexOf('rel="stylesheet"'))
    expect(page.indexOf('<script>')).toBeLessThan(page.indexOf('<script type="module"'))
    // It starts requests with the build's endpoints, and nothing in it can end the script early.
    expect(inline[0]).toContain('wss://data.dlux.io')
    expect(inline[0]).not.toMatch(/<\/script/i)
  })

  it('loads only the entry and the stylesheet: nothing else shares the link with the first screen', () => {
    const page = html()
    expect(page).not.toContain('rel="modulepreload"')
    const scripts = [...page.matchAll(/<script[^>]* src="([^"]+)"/g)].map((m) => path.basename(m[1] as string).replace(/-[\w-]+\.js$/, ''))
    expect(scripts).toEqual(['index'])
  })

  it('has the entry fetch the app, Vue and their shared chunk in parallel when it imports the app', () => {
    const assets = path.join(build.outDir, 'assets')
    const entry = readdirSync(assets).find((file) => /^index-.*\.js$/.test(file)) ?? ''
    const code = readFileSync(path.join(assets, entry), 'utf8')
    // Vite's preload helper lists the imported chunk's dependencies, each preloaded at import time.
    const deps = /__vite__mapDeps=.*?\[([^\]]*)\]/.exec(code)?.[1] ?? ''
    const listed = deps.split(',').map((f) => path.basename(f.replace(/["'`]/g, '')).replace(/-[\w-]+\.js$/, ''))
    expect(listed).toEqual(expect.arrayContaining(['main', 'vue', 'shared']))
  })

  it("asks Chromium to compile the app's chunks as they download: the hint is their first line, and only theirs", () => {
    const assets = path.join(build.outDir, 'assets')
    const hinted = readdirSync(assets)
      .filter((file) => file.endsWith('.js') && readFileSync(path.join(assets, file), 'utf8').startsWith(COMPILE_HINT))
      .map((file) => file.replace(/-[\w-]+\.js$/, ''))
    expect(hinted.sort()).toEqual([...HINTED_CHUNKS].sort())
  })

  it('builds the formats worker as a file of the page\'s own origin, which the CSP lets run', () => {
    const assets = path.join(build.outDir, 'assets')
    const worker = readdirSync(assets).find((file) => /^formatsWorker-.*\.js$/.test(file))
    expect(worker).toBeDefined()
    const entry = readdirSync(assets).find((file) => /^index-.*\.js$/.test(file)) ?? ''
    expect(readFileSync(path.join(assets, entry), 'utf8')).toContain(`/assets/${worker}`)
    // Workers fall back to script-src, which names the page's own origin.
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html())?.[1]?.replaceAll('&#39;', "'") ?? ''
    expect(csp).toMatch(/script-src 'self'/)
    expect(csp).not.toMatch(/worker-src|child-src/)
  })
})

describe('preconnect origins', () => {
  it('are the http(s) origins of the configured endpoints (a wss: socket is reached over https:)', () => {
    expect(
      preconnectOrigins({ VITE_PAYMENT_WS_URL: 'ws://127.0.0.1:4100/ws/payment-monitor', VITE_PAYMENT_API_URL: 'http://127.0.0.1:4101/prefix' }),
    ).toEqual({ api: 'http://127.0.0.1:4101', socket: 'http://127.0.0.1:4100' })
    expect(preconnectOrigins({ VITE_PAYMENT_WS_URL: 'wss://ws.example/x' })).toEqual({ api: 'https://data.dlux.io', socket: 'https://ws.example' })
  })
})
