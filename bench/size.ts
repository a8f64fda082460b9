/** Gzipped size of a build's JavaScript and CSS: what a paying user downloads before seeing anything. */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { buildApp } from './build'

export interface AssetSize {
  file: string
  bytes: number
  gzipBytes: number
  /** Loaded by index.html itself (not a lazy chunk). */
  initial: boolean
}

export interface SizeReport {
  assets: AssetSize[]
  /** Gzipped bytes, all JavaScript chunks. */
  jsGzip: number
  /** Gzipped bytes, all stylesheets. */
  cssGzip: number
  /** Gzipped bytes of what index.html loads before the first paint (entry JS + its CSS). */
  initialGzip: number
  /** jsGzip + cssGzip. */
  totalGzip: number
}

/** Measures a built directory (index.html + assets/). Gzip level 9, as a static host precompresses. */
export function measureBuild(outDir: string): SizeReport {
  const html = readFileSync(path.join(outDir, 'index.html'), 'utf8')
  const assetsDir = path.join(outDir, 'assets')
  const assets: AssetSize[] = readdirSync(assetsDir)
    .filter((file) => file.endsWith('.js') || file.endsWith('.css'))
    .sort()
    .map((file) => {
      const content = readFileSync(path.join(assetsDir, file))
      return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length, initial: html.includes(`/assets/${file}`) }
    })
  const sum = (list: AssetSize[]): number => list.reduce((total, asset) => total + asset.gzipBytes, 0)
  const jsGzip = sum(assets.filter((asset) => asset.file.endsWith('.js')))
  const cssGzip = sum(assets.filter((asset) => asset.file.endsWith('.css')))
  return { assets, jsGzip, cssGzip, initialGzip: sum(assets.filter((asset) => asset.initial)), totalGzip: jsGzip + cssGzip }
}

/** Builds the app as `npm run build` would (production defaults) into a temp dir and measures it. */
export async function measureProductionBuild(): Promise<SizeReport> {
  const build = await buildApp('size')
  try {
    return measureBuild(build.outDir)
  } finally {
    build.remove()
  }
}
