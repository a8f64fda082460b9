/**
 * The size budget of `.size-limit.json`, checked with size-limit's own file plugin against any
 * build directory (the budget test builds into a temp dir, not `dist/`). `npx size-limit` after
 * `npm run build` runs the same checks on `dist/`.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import filePlugin from '@size-limit/file'
import sizeLimit from 'size-limit'
import { REPO_ROOT } from './build'

export interface SizeCheck {
  name: string
  /** Globs relative to the repository, under `dist/`. */
  path: string[]
  limit: string
  gzip: boolean
}

export interface SizeCheckResult {
  name: string
  files: string[]
  /** Gzipped bytes, as size-limit counts them. */
  size: number
  limitBytes: number
}

export function sizeChecks(): SizeCheck[] {
  const raw = JSON.parse(readFileSync(path.join(REPO_ROOT, '.size-limit.json'), 'utf8')) as Array<Omit<SizeCheck, 'path'> & { path: string | string[] }>
  return raw.map((check) => ({ ...check, path: typeof check.path === 'string' ? [check.path] : check.path }))
}

/** `"35 KiB"`, `"35 kB"` (1000 B, as size-limit reads it) or `"900 B"`, in bytes. */
export function parseLimit(limit: string): number {
  const match = /^\s*([\d.]+)\s*(B|kB|KiB)\s*$/.exec(limit)
  if (!match) throw new Error(`size limit "${limit}": write it as "<n> KiB", "<n> kB" or "<n> B"`)
  const unit = match[2] === 'KiB' ? 1024 : match[2] === 'kB' ? 1000 : 1
  return Number(match[1]) * unit
}

/** The files a `dist/assets/<name>-*.js` style glob names in `outDir`. Only `*` in the file name. */
export function matchFiles(outDir: string, glob: string): string[] {
  const relative = glob.replace(/^dist\//, '')
  const dir = path.join(outDir, path.dirname(relative))
  const pattern = new RegExp(`^${path.basename(relative).split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`)
  return readdirSync(dir)
    .filter((file) => pattern.test(file))
    .map((file) => path.join(dir, file))
}

export async function checkSizes(outDir: string): Promise<SizeCheckResult[]> {
  const results: SizeCheckResult[] = []
  for (const check of sizeChecks()) {
    const files = [...new Set(check.path.flatMap((glob) => matchFiles(outDir, glob)))].sort()
    const [measured] = (await sizeLimit([filePlugin], { checks: [{ files, gzip: check.gzip }] })) as Array<{ size: number }>
    results.push({ name: check.name, files, size: measured?.size ?? Number.NaN, limitBytes: parseLimit(check.limit) })
  }
  return results
}
