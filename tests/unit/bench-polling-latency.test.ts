/**
 * The polling-latency row: its phases cover the poll cycle evenly on every page, its figures
 * carry a 90th percentile, and the README's targets judge the app against the old policy.
 */
import { describe, expect, it } from 'vitest'
import { evenPhases, gaps, phasesByPage, summarise, type PollingLatency, type PollingSample } from '../../bench/pollingLatency'
import { targets } from '../../bench/readme'
import { renderTable, type BenchResults } from '../../bench/report'
import { figure, percentile } from '../../bench/stats'

describe('phases over the poll cycle', () => {
  it('puts one phase in the middle of each equal slice of the period', () => {
    expect(evenPhases(4, 5000)).toEqual([625, 1875, 3125, 4375])
    const forty = evenPhases(40, 5000)
    expect(forty).toHaveLength(40)
    expect(forty[0]).toBe(62.5)
    expect(forty.at(-1)).toBe(4937.5)
    expect(gaps(forty).every((g) => g === 125)).toBe(true)
  })

  it('gives every page phases from the whole cycle, each phase once', () => {
    const phases = evenPhases(40, 5000)
    const pages = phasesByPage(phases, 10)
    expect(pages.map((p) => p.length)).toEqual([10, 10, 10, 10])
    expect(pages.flat().sort((a, b) => a - b)).toEqual(phases)
    for (const page of pages) {
      expect(Math.min(...page)).toBeLessThan(500)
      expect(Math.max(...page)).toBeGreaterThan(4500)
    }
    expect(phasesByPage(evenPhases(45, 5000), 10).map((p) => p.length)).toEqual([9, 9, 9, 9, 9])
  })
})

describe('percentile and figure', () => {
  it('takes the nearest rank, and counts "never" above every number', () => {
    const tens = Array.from({ length: 10 }, (_, i) => (i + 1) * 10)
    expect(percentile(tens, 0.9)).toBe(90)
    expect(percentile(tens, 0.5)).toBe(50)
    expect(percentile([7], 0.9)).toBe(7)
    expect(percentile([], 0.9)).toBeNull()
    expect(figure([...tens.slice(0, 8), null, null]).p90).toBeNull()
    expect(figure([...tens.slice(0, 9), null])).toMatchObject({ median: 55, p90: 90, worst: null })
  })
})

function run(latencies: number[], periods: number[]): PollingLatency {
  const samples: PollingSample[] = latencies.map((latencyMs) => ({ latencyMs, phaseMs: 0, waitMs: latencyMs - 10, deliveryMs: 10 }))
  const polls = periods.reduce<number[]>((times, gap) => [...times, (times.at(-1) ?? 0) + gap], [0])
  return summarise(samples, [polls])
}

const base: BenchResults = { generatedAt: '2026-12-01T00:00:00.000Z', durationMs: 1, machine: { cpus: 2, node: 'v20', chromium: '', platform: 'linux' }, settings: { pollPeriodMs: 5000 }, errors: [] }

describe('summarise', () => {
  it('splits each sample at the poll that delivered it and reads the periods off the poll times', () => {
    const r = run([1000, 2000, 3000], [6900, 5000, 5040, 5020])
    expect(r.latency).toMatchObject({ median: 2000, worst: 3000 })
    expect(r.wait.median).toBe(1990)
    expect(r.delivery.worst).toBe(10)
    expect(r.period).toMatchObject({ median: 5020, worst: 5040 })
    expect(r.firstGap?.samples).toEqual([6900])
  })
})

describe('the polling row and its targets', () => {
  const evenly = (offset: number) => Array.from({ length: 40 }, (_, i) => 5000 - (i + 0.5) * 125 + offset)

  it('prints median · p90 · worst for both clients and the breakdown', () => {
    const table = renderTable({ ...base, pollingLatency: { app: run(evenly(20), [5000]), baseline: run(evenly(10), [5000]) } })
    expect(table).toContain('40 updates per client at phases spread evenly over the 5 s poll cycle')
    expect(table).toMatch(/simulator emits an update → DOM shows it +\| 2\.52 s · 4\.46 s · 4\.96 s +\| 2\.51 s · 4\.45 s · 4\.95 s/)
    expect(table).toContain('of which: waiting for the poll that carries it')
  })

  it('meets the median target within 0.1 s of the old policy and the worst within period + 0.3 s, not beyond', () => {
    const judge = (app: number[], baseline: number[]) =>
      targets({ ...base, pollingLatency: { app: run(app, [5000]), baseline: run(baseline, [5000]) } }).filter((t) => t.figure.startsWith('update while polling'))
    const close = judge(evenly(100), evenly(0))
    expect(close.map((t) => [t.met, t.measured])).toEqual([
      [true, '+100 ms'],
      [true, '5.04 s'],
    ])
    const late = judge(evenly(400), evenly(0))
    expect(late.map((t) => [t.met, t.gap])).toEqual([
      [false, '300 ms over'],
      [false, '38 ms over'],
    ])
    expect(targets(base).filter((t) => t.figure.startsWith('update while polling')).map((t) => t.met)).toEqual([null, null])
  })
})
