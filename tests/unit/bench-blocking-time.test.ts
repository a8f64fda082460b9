/**
 * The cheap-phone row: total blocking time and Time to Interactive as Lighthouse defines them,
 * counted from a page's long tasks, and the longest task of the hand-over from the first screen
 * to the app.
 */
import { describe, expect, it } from 'vitest'
import { longestOverlapping, timeToInteractive, totalBlockingTime, type Task } from '../../bench/blockingTime'
import { summariseReading, type MainThreadResult } from '../../bench/mainThread'
import { targets } from '../../bench/readme'
import { renderTable, type BenchResults } from '../../bench/report'
import { figure } from '../../bench/stats'

const task = (start: number, duration: number): Task => ({ start, duration })

describe('total blocking time', () => {
  it('adds up the part of each long task beyond 50 ms between FCP and TTI', () => {
    expect(totalBlockingTime([task(1000, 120), task(2000, 51), task(3000, 300)], 500, 5000)).toBe(70 + 1 + 250)
  })

  it('counts nothing of a task of 50 ms or less', () => {
    expect(totalBlockingTime([task(1000, 50), task(2000, 30)], 500, 5000)).toBe(0)
  })

  it('clips a task that straddles FCP or TTI to the window before taking 50 ms off', () => {
    // 200 ms task, 120 ms of it after FCP: 70 ms blocking, not 150.
    expect(totalBlockingTime([task(900, 200)], 980, 5000)).toBe(70)
    // 40 ms of it after FCP: under the threshold once clipped.
    expect(totalBlockingTime([task(900, 200)], 1060, 5000)).toBe(0)
    // 100 ms of it before TTI.
    expect(totalBlockingTime([task(4900, 300)], 500, 5000)).toBe(50)
  })

  it('ignores tasks wholly before FCP or after TTI, and an empty window', () => {
    expect(totalBlockingTime([task(100, 300), task(6000, 300)], 500, 5000)).toBe(0)
    expect(totalBlockingTime([task(1000, 300)], 2000, 2000)).toBe(0)
  })
})

describe('time to interactive', () => {
  it('is FCP when nothing long runs and the network is quiet for 5 s after it', () => {
    expect(timeToInteractive([], [], 800, 5800)).toBe(800)
  })

  it('is the end of the last long task before the first 5 s without one', () => {
    // 2000–2100, then 6000–6200 comes within 5 s of it; quiet from 6200 on.
    expect(timeToInteractive([task(2000, 100), task(6000, 200), task(500, 100)], [], 1000, 12_000)).toBe(6200)
  })

  it('waits for the network to carry at most two requests, but still ends at the last long task', () => {
    const requests = [
      { start: 1500, end: 4000 },
      { start: 1600, end: 4000 },
      { start: 1700, end: 3000 },
    ]
    // Three requests in flight until 3000: the quiet stretch starts there, the last long task ended at 1200.
    expect(timeToInteractive([task(1100, 100)], requests, 1000, 8000)).toBe(1200)
    expect(timeToInteractive([task(1100, 100)], requests, 1000, 7900)).toBeNull()
    expect(timeToInteractive([task(1100, 100)], requests.slice(0, 2), 1000, 6200)).toBe(1200)
  })

  it('is unknown until a whole quiet stretch has been watched', () => {
    expect(timeToInteractive([task(2000, 100)], [], 1000, 7099)).toBeNull()
    expect(timeToInteractive([task(2000, 100)], [], 1000, 7100)).toBe(2100)
  })
})

describe('the hand-over', () => {
  it('reports the longest task that overlaps it, even one that started before or ends after it', () => {
    const tasks = [task(100, 400), task(900, 120), task(1900, 80), task(2500, 500)]
    expect(longestOverlapping(tasks, 1000, 2000)).toEqual(task(900, 120))
    expect(longestOverlapping(tasks, 1000, 2600)).toEqual(task(2500, 500))
    expect(longestOverlapping(tasks, 600, 800)).toBeNull()
  })

  it('is measured only for the app, and only when the app took a first screen over', () => {
    const reading = {
      now: 10_000,
      fcp: 1000,
      tasks: [task(1200, 90), task(1500, 200)],
      requests: [],
      marks: { appStart: 1100, takenOver: 1600 },
    }
    expect(summariseReading(reading, true)).toMatchObject({ ttiMs: 1700, tbtMs: 40 + 150, handover: { fromMs: 1100, toMs: 1600, longest: task(1500, 200) } })
    expect(summariseReading(reading, false).handover).toBeNull()
    expect(summariseReading({ ...reading, marks: { appStart: 1100, takenOver: null } }, true).handover).toBeNull()
  })

  it('counts blocking time to the end of the run when the page never went quiet', () => {
    const run = summariseReading({ now: 3000, fcp: 1000, tasks: [task(2900, 300)], requests: [], marks: { appStart: null, takenOver: null } }, false)
    expect(run).toMatchObject({ ttiMs: null, tbtMs: 50 })
  })
})

describe('in the table and the targets', () => {
  function result(tbt: number[], handover: Array<number | null>): MainThreadResult {
    return { fcp: figure([900, 1000, 1100]), tti: figure([3000, 3100, 3200]), tbt: figure(tbt), handoverLongest: figure(handover), runs: [{}, {}, {}] as MainThreadResult['runs'] }
  }
  const results = (app: MainThreadResult): BenchResults => ({
    generatedAt: '2026-12-07T00:00:00.000Z',
    durationMs: 1,
    machine: { cpus: 2, node: 'v20', chromium: '', platform: 'linux' },
    settings: {},
    errors: [],
    mainThread: { app, baseline: result([0, 0, 0], []) },
  })
  const verdicts = (r: BenchResults) =>
    targets(r)
      .filter((t) => /blocking time|hand-over/.test(t.figure))
      .map((t) => [t.measured, t.met])

  it('judges blocking time by the median and the hand-over by its worst run', () => {
    expect(verdicts(results(result([100, 140, 900], [0, 0, 0])))).toEqual([['140 ms', true], ['0 ms', true]])
    expect(verdicts(results(result([100, 160, 170], [0, 51, 0])))).toEqual([['160 ms', false], ['51 ms', false]])
    expect(verdicts(results(result([100, 160, 170], [0, 0, null])))).toEqual([['160 ms', false], ['no first screen in a run', false]])
  })

  it('prints the rows, the hand-over for the app only', () => {
    const table = renderTable(results(result([100, 140, 900], [0, 120, 230])))
    expect(table).toMatch(/total blocking time \(long tasks beyond 50 ms, FCP → TTI\) *\| 140 ms · 900 ms *\| 0 ms/)
    expect(table).toMatch(/hand-over, first screen → app: longest task .*\| 120 ms · 230 ms *\| – /)
  })
})
