import { describe, expect, it } from 'vitest'
import { README_END, README_START, byFolder, combine, score, summaryTable, tallyMutants, withReadmeBlock } from '../../scripts/mutation-summary'

const mutants = (...statuses: string[]) => ({ mutants: statuses.map((status) => ({ status })) })

describe('mutation summary', () => {
  it('scores like Stryker: killed and timed out over every mutant that ran or had no test', () => {
    const t = tallyMutants(mutants('Killed', 'Killed', 'Timeout', 'Survived', 'NoCoverage', 'CompileError', 'Ignored').mutants)
    expect(t).toEqual({ killed: 2, timeout: 1, survived: 1, noCoverage: 1, other: 2 })
    expect(score(t)).toBe(60)
    expect(score(tallyMutants([]))).toBeNull()
  })

  it('combines reports, the last one winning for a file, and groups by folder only', () => {
    const files = combine([
      { files: { 'src/core/protocol/merge.ts': mutants('Survived', 'Survived') } },
      {
        files: {
          'src/core/protocol/merge.ts': mutants('Killed', 'Survived'),
          'src/core/protocol/parse.ts': mutants('Killed', 'Killed'),
          'src/core/protocolish/x.ts': mutants('Survived'),
          'src/core/machine/policy.ts': mutants('NoCoverage'),
        },
      },
    ])
    const folders = byFolder(files)
    expect(score(folders.get('src/core/protocol')!)).toBe(75)
    expect(score(folders.get('src/core/machine')!)).toBe(0)
    expect(summaryTable(folders).split('\n').slice(2)).toEqual([
      '| src/core/machine | 0.00 % | 0 | 0 | 0 | 1 |',
      '| src/core/protocol | 75.00 % | 3 | 0 | 1 | 0 |',
    ])
  })

  it('rewrites only the README block between its markers, with the day of the run', () => {
    const readme = `# Title\n\nBefore.\n${README_START}\nold scores\n${README_END}\nAfter.\n`
    const table = summaryTable(new Map([['src/core/protocol', tallyMutants(mutants('Killed').mutants)]]))
    const next = withReadmeBlock(readme, table, '2026-12-06')
    expect(next).toBe(`# Title\n\nBefore.\n${README_START}\nScores of the last run (2026-12-06), written by \`npx tsx scripts/mutation-summary.ts --readme\`:\n\n${table}\n${README_END}\nAfter.\n`)
    expect(withReadmeBlock(next, table, '2026-12-06')).toBe(next)
    expect(() => withReadmeBlock('# no block\n', table, '2026-12-06')).toThrow(/no <!-- mutation:start -->/)
  })
})
