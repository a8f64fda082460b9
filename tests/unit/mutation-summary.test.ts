import { describe, expect, it } from 'vitest'
import { byFolder, combine, score, summaryTable, tallyMutants } from '../../scripts/mutation-summary'

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
})
