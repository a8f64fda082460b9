/**
 * Size budget, on size-limit's figures and the limits in `.size-limit.json` (`npx size-limit`
 * checks the same after `npm run build`): the JavaScript index.html loads before the first paint,
 * and all JavaScript. The limits sit about 3 kB above today's size, so a real regression fails here; the
 * figures and what makes them up come from `npm run bench`.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp, type AppBuild } from '../../bench/build'
import { checkSizes, type SizeCheckResult } from '../../bench/sizeLimit'

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

  it('counts as "before first paint" exactly the JavaScript index.html loads or preloads', () => {
    const html = readFileSync(path.join(build.outDir, 'index.html'), 'utf8')
    const loaded = [...html.matchAll(/(?:src|href)="\/assets\/([\w.-]+\.js)"/g)].map((m) => m[1]).sort()
    const firstPaint = results.find((r) => /first paint/i.test(r.name))
    expect(firstPaint, 'a first-paint check in .size-limit.json').toBeDefined()
    expect(firstPaint?.files.map((f) => path.basename(f))).toEqual(loaded)
  })

  it('ships no dev-only simulator code', () => {
    const all = results.flatMap((r) => r.files).map((f) => readFileSync(f, 'utf8'))
    expect(all.some((code) => code.includes('/__sim/'))).toBe(false)
  })
})
