/**
 * Gzipped size of a build's JavaScript and CSS (what a paying user downloads before seeing
 * anything), and which modules make it up, from rollup-plugin-visualizer's per-module figures.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { buildApp } from './build'
import { SOURCE_LANGUAGE, type Language } from '../src/core/i18n/languages'

export interface AssetSize {
  file: string
  bytes: number
  gzipBytes: number
  /** Loaded by index.html itself (inline or linked script, stylesheet), not a lazy chunk. */
  initial: boolean
}

/** One package or source folder, summed over the modules it has in the chunks. */
export interface PartSize {
  part: string
  /** Sum of each module's own gzipped size: more than its share of a gzipped chunk, good for ranking. */
  gzipBytes: number
  renderedBytes: number
}

export interface SizeReport {
  assets: AssetSize[]
  /** Gzipped bytes, all JavaScript chunks. */
  jsGzip: number
  /** Gzipped bytes, all stylesheets. */
  cssGzip: number
  /** Gzipped bytes of what index.html loads before the first paint (JS it loads or preloads + CSS). */
  initialGzip: number
  /** Gzipped bytes of the JavaScript among those. */
  initialJsGzip: number
  /** jsGzip + cssGzip. */
  totalGzip: number
  /** What the first-paint JavaScript is made of, largest first. */
  initialParts?: PartSize[]
  /** What the lazy chunks are made of, largest first. */
  lazyParts?: PartSize[]
}

/** The visualizer's `raw-data` file, the parts this reads. */
interface VisualizerData {
  nodeParts: Record<string, { renderedLength: number; gzipLength: number }>
  nodeMetas: Record<string, { id: string; moduleParts: Record<string, string> }>
}

/** A package (`vue` for every `@vue/*`), a `src/core/…` folder, or a source file. */
export function partOf(moduleId: string): string {
  const id = moduleId.replace(/^\0/, '').replace(/\?.*$/, '')
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id)?.[1]
  if (pkg) return pkg.startsWith('@vue/') ? 'vue' : pkg
  if (id.startsWith('plugin-vue:')) return 'vue'
  const source = /\/(src\/.*)$/.exec(id)?.[1]
  if (!source) return id.trim()
  const core = /^src\/core\/([^/]+)\//.exec(source)
  return core ? `src/core/${core[1]}/` : source
}

function partsOf(data: VisualizerData, chunk: (file: string) => boolean): PartSize[] {
  const parts = new Map<string, PartSize>()
  for (const meta of Object.values(data.nodeMetas)) {
    for (const [file, uid] of Object.entries(meta.moduleParts)) {
      const sizes = data.nodeParts[uid]
      if (!sizes || !chunk(path.basename(file))) continue
      const name = partOf(meta.id)
      const part = parts.get(name) ?? { part: name, gzipBytes: 0, renderedBytes: 0 }
      part.gzipBytes += sizes.gzipLength
      part.renderedBytes += sizes.renderedLength
      parts.set(name, part)
    }
  }
  return [...parts.values()].sort((a, b) => b.gzipBytes - a.gzipBytes)
}

/**
 * Measures a built directory (index.html + assets/) as a page in `language` loads it: that
 * language's words and no other's. Gzip level 9, as a static host precompresses.
 */
export function measureBuild(outDir: string, statsFile?: string, language: Language = SOURCE_LANGUAGE): SizeReport {
  const html = readFileSync(path.join(outDir, 'index.html'), 'utf8')
  const assetsDir = path.join(outDir, 'assets')
  const assets: AssetSize[] = readdirSync(assetsDir)
    .filter((file) => file.endsWith('.js') || file.endsWith('.css'))
    .sort()
    .map((file) => {
      const content = readFileSync(path.join(assetsDir, file))
      return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length, initial: html.includes(`/assets/${file}`) }
    })
  // One language's words (assets/words/): its first-screen words are fetched before the first paint
  // (the starter preloads them, src/boot/firstWordsPreload.ts), the rest with the app.
  for (const file of readdirSync(path.join(assetsDir, 'words')).filter((f) => f.startsWith(`${language}-`) && f.endsWith('.js'))) {
    const content = readFileSync(path.join(assetsDir, 'words', file))
    assets.push({ file: `words/${file}`, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length, initial: file.startsWith(`${language}-first-`) })
  }
  // The starter is inline in index.html (build/inlineStarter.ts): JavaScript before first paint too.
  for (const [index, match] of [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].entries()) {
    const content = Buffer.from(match[1] ?? '', 'utf8')
    assets.push({ file: `index.html inline script ${index + 1}.js`, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length, initial: true })
  }
  const sum = (list: AssetSize[]): number => list.reduce((total, asset) => total + asset.gzipBytes, 0)
  const js = assets.filter((asset) => asset.file.endsWith('.js'))
  const jsGzip = sum(js)
  const cssGzip = sum(assets.filter((asset) => asset.file.endsWith('.css')))
  const report: SizeReport = {
    assets,
    jsGzip,
    cssGzip,
    initialGzip: sum(assets.filter((asset) => asset.initial)),
    initialJsGzip: sum(js.filter((asset) => asset.initial)),
    totalGzip: jsGzip + cssGzip,
  }
  if (statsFile) {
    const data = JSON.parse(readFileSync(statsFile, 'utf8')) as VisualizerData
    // By file name: the visualizer names chunks without their folder. Other languages' words are in neither.
    const names = (list: AssetSize[]) => new Set(list.map((asset) => path.basename(asset.file)))
    const initial = names(js.filter((asset) => asset.initial))
    const lazy = names(js.filter((asset) => !asset.initial))
    report.initialParts = partsOf(data, (file) => initial.has(file))
    report.lazyParts = partsOf(data, (file) => lazy.has(file))
  }
  return report
}

/** Builds the app as `npm run build` would (production defaults) into a temp dir and measures it. */
export async function measureProductionBuild(): Promise<SizeReport> {
  const build = await buildApp('size', {}, { stats: true })
  try {
    return measureBuild(build.outDir, build.statsFile)
  } finally {
    build.remove()
  }
}
