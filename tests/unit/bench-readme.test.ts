/**
 * The README's performance block is generated from bench/results.json: replacing it leaves the
 * text around it alone, and each target says whether it was met and by how much it was missed.
 */
import { describe, expect, it } from 'vitest'
import { END, START, readmeBlock, replaceBlock, targets } from '../../bench/readme'
import type { BenchResults } from '../../bench/report'
import type { SizeReport } from '../../bench/size'
import type { StormResult } from '../../bench/storm'

const base: BenchResults = {
  generatedAt: '2026-11-30T06:00:00.000Z',
  durationMs: 1,
  machine: { cpus: 2, node: 'v20', chromium: '', platform: 'linux' },
  settings: {},
  errors: [],
}

function size(initialJsGzip: number, jsGzip: number): SizeReport {
  return { assets: [], jsGzip, cssGzip: 0, initialGzip: initialJsGzip, initialJsGzip, totalGzip: jsGzip }
}

describe('README performance block', () => {
  it('replaces only what is between the markers', () => {
    const readme = `# Title\n\nbefore\n${START}\nold table\n${END}\nafter\n`
    const next = replaceBlock(readme, 'new table')
    expect(next).toBe(`# Title\n\nbefore\n${START}\nnew table\n${END}\nafter\n`)
    expect(replaceBlock(next, 'newer')).toContain(`${START}\nnewer\n${END}\nafter`)
  })

  it('refuses a README without the markers instead of appending somewhere', () => {
    expect(() => replaceBlock('# Title\n', 'table')).toThrow(/bench:start/)
  })

  it('says by how much a size target is missed, and when one is met', () => {
    const result = targets({ ...base, size: { app: size(40 * 1024, 45 * 1024), baseline: { bytes: 1, gzipBytes: 1 } } })
    const firstPaint = result.find((t) => t.figure.startsWith('JavaScript before first paint'))
    const all = result.find((t) => t.figure.startsWith('all JavaScript'))
    expect(firstPaint).toMatchObject({ measured: '40.0 kB', met: false, gap: '5.0 kB over' })
    expect(all).toMatchObject({ measured: '45.0 kB', met: true, gap: '' })
  })

  it('marks what the run did not measure as such, not as met', () => {
    const result = targets(base)
    expect(result.every((t) => t.met === null && t.measured === null)).toBe(true)
    expect(readmeBlock(base)).toContain('not measured in this run')
  })

  it('explains under the table, with the arithmetic, why the storm misses its return times', () => {
    const storm = (backP90Ms: number, allBackMs: number): StormResult => ({
      clients: 1000, restartMs: 3000, restartWindowMs: [2000, 17000], peakAttemptsPerSecond: 94, totalAttempts: 1040, httpRequests: 0, peakHttpPerSecond: 0,
      peakTotalPerSecond: 94, httpFirst2s: 0, peakConcurrentHandshakes: 22, backP50Ms: 10000, backP90Ms, allBackMs, notBack: 0, attemptsPer500ms: [],
    })
    const missed = readmeBlock({ ...base, storm: { app: storm(16100, 17600), baseline: storm(6000, 6300) } })
    expect(missed).toContain('| restart storm: 90 % back on the socket | ≤ 10 s | 16.1 s | **not met**: 6.10 s over (see below) |')
    expect(missed).toContain('getting 900 of 1000 clients back within 10 s takes 900 successful attempts in the 7 s left: 129 a second on average')
    expect(missed).toContain('spread over 2 to 17 s after the close (67 a second on average); the busiest second had 94 requests, and 90 % were back after 16.1 s.')
    expect(missed).toContain('*restart storm: all back on the socket*: All back takes the end of the reconnect window (17 s)')
    expect(missed).toContain('(here 600 ms)')
    const met = readmeBlock({ ...base, storm: { app: storm(9000, 14000), baseline: storm(6000, 6300) } })
    expect(met).not.toContain('see below')
    expect(met).not.toContain('successful attempts')
  })

  it('takes the lowest loopback ratio over every mode, and a client that never showed a status as missed', () => {
    const pair = (app: number | null, baseline: number) => ({
      app: { median: app, worst: app, samples: [app] },
      baseline: { median: baseline, worst: baseline, samples: [baseline] },
    })
    const firstStatus = { healthy: pair(100, 90), refused: pair(100, 70), flap: pair(100, 120), hang: pair(100, 100) }
    const lowest = targets({ ...base, firstStatus }).find((t) => t.figure.includes('loopback'))
    expect(lowest).toMatchObject({ measured: '0.70', met: false, gap: '0.10 short' })
    const never = targets({ ...base, firstStatus: { ...firstStatus, hang: pair(null, 100) } }).find((t) => t.figure.includes('loopback'))
    expect(never).toMatchObject({ met: false })
  })
})
