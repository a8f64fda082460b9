/**
 * Mutation score per folder from Stryker's JSON report(s), for the README.
 *
 *   npx tsx scripts/mutation-summary.ts [report.json ...] [--files] [--readme]
 *
 * `--readme` also rewrites the scores in README.md, between `<!-- mutation:start -->` and
 * `<!-- mutation:end -->`: the README quotes no score that this script did not write.
 *
 * Several reports (say, one per `--mutate` run) are combined; for a file in more than one, the last
 * report given wins. Default: reports/mutation/mutation.json, what `npm run mutation` writes.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The folders the README quotes. */
export const FOLDERS = ['src/core/machine', 'src/core/protocol', 'src/core/transports', 'src/core/payment', 'src/core/prestart', 'src/boot'] as const

export const README_START = '<!-- mutation:start -->'
export const README_END = '<!-- mutation:end -->'

/** The part of Stryker's report (mutation-testing-report-schema) this script reads. */
export interface MutationReport {
  files: Record<string, { mutants: Array<{ status: string }> }>
}

export interface Tally {
  killed: number
  timeout: number
  survived: number
  noCoverage: number
  /** Mutants that could not run (compile or runtime errors, ignored): not part of the score. */
  other: number
}

const EMPTY: Tally = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, other: 0 }

/** Stryker's own definition: detected (killed or timed out) over all valid mutants. */
export function score(t: Tally): number | null {
  const valid = t.killed + t.timeout + t.survived + t.noCoverage
  return valid === 0 ? null : (100 * (t.killed + t.timeout)) / valid
}

export function tallyMutants(mutants: ReadonlyArray<{ status: string }>): Tally {
  const t = { ...EMPTY }
  for (const { status } of mutants) {
    if (status === 'Killed') t.killed++
    else if (status === 'Timeout') t.timeout++
    else if (status === 'Survived') t.survived++
    else if (status === 'NoCoverage') t.noCoverage++
    else t.other++
  }
  return t
}

function add(a: Tally, b: Tally): Tally {
  return {
    killed: a.killed + b.killed,
    timeout: a.timeout + b.timeout,
    survived: a.survived + b.survived,
    noCoverage: a.noCoverage + b.noCoverage,
    other: a.other + b.other,
  }
}

/** Files of all reports, the last report winning for a file in several. */
export function combine(reports: readonly MutationReport[]): Map<string, Tally> {
  const files = new Map<string, Tally>()
  for (const report of reports) {
    for (const [path, file] of Object.entries(report.files)) files.set(path, tallyMutants(file.mutants))
  }
  return files
}

/** Tallies of each folder; a folder without a mutated file has no entry. */
export function byFolder(files: ReadonlyMap<string, Tally>, folders: readonly string[] = FOLDERS): Map<string, Tally> {
  const result = new Map<string, Tally>()
  for (const folder of folders) {
    for (const [path, tally] of files) {
      if (path.startsWith(`${folder}/`)) result.set(folder, add(result.get(folder) ?? EMPTY, tally))
    }
  }
  return result
}

function row(name: string, t: Tally): string {
  const s = score(t)
  const shown = s === null ? 'n/a' : `${s.toFixed(2)} %`
  return `| ${name} | ${shown} | ${t.killed} | ${t.timeout} | ${t.survived} | ${t.noCoverage} |`
}

/** A Markdown table, ready to paste into the README. */
export function summaryTable(rows: ReadonlyMap<string, Tally>): string {
  const lines = ['| path | score | killed | timeout | survived | no coverage |', '| --- | --- | --- | --- | --- | --- |']
  for (const [name, tally] of rows) lines.push(row(name, tally))
  return lines.join('\n')
}

/** `readme` with the block between the markers replaced by `table` and the day it was measured. */
export function withReadmeBlock(readme: string, table: string, day: string): string {
  const start = readme.indexOf(README_START)
  const end = readme.indexOf(README_END)
  if (start < 0 || end < start) throw new Error(`README.md has no ${README_START} … ${README_END} block`)
  const block = `${README_START}\nScores of the last run (${day}), written by \`npx tsx scripts/mutation-summary.ts --readme\`:\n\n${table}\n`
  return readme.slice(0, start) + block + readme.slice(end)
}

function main(args: string[]): void {
  const showFiles = args.includes('--files')
  const paths = args.filter((a) => !a.startsWith('--'))
  const reports = (paths.length > 0 ? paths : ['reports/mutation/mutation.json']).map(
    (path) => JSON.parse(readFileSync(path, 'utf8')) as MutationReport,
  )
  const files = combine(reports)
  const table = summaryTable(byFolder(files))
  console.log(table)
  if (args.includes('--readme')) {
    writeFileSync('README.md', withReadmeBlock(readFileSync('README.md', 'utf8'), table, new Date().toISOString().slice(0, 10)))
    console.log('\nscores rewritten in README.md')
  }
  if (showFiles) console.log(`\n${summaryTable(new Map([...files].sort(([a], [b]) => a.localeCompare(b))))}`)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main(process.argv.slice(2))
