/**
 * The README's performance block is generated from bench/results.json: replacing it leaves the
 * text around it alone, and each target says whether it was met and by how much it was missed.
 */
import { describe, expect, it } from 'vitest'
import type { HeapRun, HeapWindow } from '../../bench/heap'
import { END, START, heapLine, readmeBlock, replaceBlock, targets } from '../../bench/readme'
import { renderTable, type BenchResults } from '../../bench/report'
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

const kB = 1024

function heapWindow(fromMs: number, growthBytes: number, parts: HeapWindow['parts'], logs?: HeapWindow['logs']): HeapWindow {
  const snapshotGrowth = parts.reduce((sum, p) => sum + p.bytes, 0)
  return { fromMs, toMs: fromMs + 600_000, growthBytes, parts, snapshotBytes: { from: 3000 * kB, to: 3000 * kB + snapshotGrowth }, httpRequests: 120, socketAttempts: 20, ...(logs ? { logs } : {}) }
}

/** The app's run: logs full after 12.4 and 25.3 min, poll failures never written. */
function appHeap(onceFullBytes: number, logsFull = true): HeapRun {
  const lengths = { events: 200, attempts: 50, pollFailures: 0 }
  return {
    checkpoints: [
      { simulatedMs: 0, usedBytes: 2300 * kB },
      { simulatedMs: 600_000, usedBytes: 3100 * kB },
      { simulatedMs: 1_520_000, usedBytes: 3200 * kB },
      { simulatedMs: 2_120_000, usedBytes: 3200 * kB + onceFullBytes },
    ],
    growthBytes: 800 * kB,
    httpRequests: 124,
    socketAttempts: 25,
    fromStart: heapWindow(0, 800 * kB, [
      { part: 'compiled code', bytes: 750 * kB },
      { part: 'engine caches', bytes: 48 * kB },
      { part: 'log entries', bytes: 26 * kB },
      { part: 'objects', bytes: 512 },
      { part: 'strings', bytes: -100 },
    ]),
    onceFull: {
      ...heapWindow(1_520_000, onceFullBytes, [
        { part: 'engine caches', bytes: 63 * kB },
        { part: 'compiled code', bytes: 30 * kB },
        { part: 'log entries', bytes: 0 },
      ], { from: lengths, to: lengths }),
      logsFull,
    },
    logsFullAtMs: { events: 744_000, attempts: 1_518_000, pollFailures: null },
    logLimits: { events: 200, attempts: 50, pollFailures: 20 },
  }
}

const baselineHeap: HeapRun = {
  checkpoints: [{ simulatedMs: 0, usedBytes: 800 * kB }, { simulatedMs: 600_000, usedBytes: 810 * kB }],
  growthBytes: 10 * kB,
  httpRequests: 119,
  socketAttempts: 0,
  fromStart: heapWindow(0, 10 * kB, []),
  onceFull: { ...heapWindow(600_000, 2 * kB, []), logsFull: true },
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

  it('judges the heap target by the growth once the bounded logs are full, not while they fill', () => {
    const heap = targets({ ...base, heap: { app: appHeap(96 * kB), baseline: baselineHeap } }).find((t) => t.figure.startsWith('heap growth'))
    expect(heap).toMatchObject({ figure: 'heap growth over 10 min of flapping, once the bounded logs are full', measured: '96.0 kB', met: true })
    const over = targets({ ...base, heap: { app: appHeap(200 * kB), baseline: baselineHeap } }).find((t) => t.figure.startsWith('heap growth'))
    expect(over).toMatchObject({ measured: '200.0 kB', met: false, gap: '50.0 kB over' })
  })

  it('says so when the logs were not full by the end of the wait', () => {
    const heap = targets({ ...base, heap: { app: appHeap(96 * kB, false), baseline: baselineHeap } }).find((t) => t.figure.startsWith('heap growth'))
    expect(heap?.measured).toBe('96.0 kB (logs not full)')
    expect(renderTable({ ...base, heap: { app: appHeap(96 * kB, false), baseline: baselineHeap } })).toContain('96.0 kB (from 25.3 min, logs not full)')
  })

  it('does not pass off a results file from before the second window as the figure', () => {
    const old = (run: HeapRun): HeapRun => ({ checkpoints: run.checkpoints.slice(0, 2), growthBytes: run.growthBytes, httpRequests: run.httpRequests, socketAttempts: run.socketAttempts })
    const results = { ...base, heap: { app: old(appHeap(96 * kB)), baseline: old(baselineHeap) } }
    expect(targets(results).find((t) => t.figure.startsWith('heap growth'))).toMatchObject({ measured: null, met: null })
    expect(heapLine(results)).toBeNull()
    const table = renderTable(results)
    expect(table).toMatch(/growth over the first 10 min +\| 800\.0 kB/)
    expect(table).not.toContain('once the logs are full')
  })

  it('prints the heap rows of both windows and when each log filled', () => {
    const table = renderTable({ ...base, heap: { app: appHeap(96 * kB), baseline: baselineHeap } })
    expect(table).toMatch(/after 10 min +\| 3\.03 MB/)
    expect(table).toMatch(/growth over the first 10 min \(bounded logs filling\) +\| 800\.0 kB +\| 10\.0 kB/)
    expect(table).toMatch(/bounded logs full after \(events · socket attempts · poll failures\) +\| 12\.4 min · 25\.3 min · empty +\| keeps no logs/)
    expect(table).toMatch(/growth over 10 min once the logs are full +\| 96\.0 kB \(from 25\.3 min\) +\| 2\.0 kB \(from 10\.0 min\)/)
    // A poll that failed now and then: the log is neither empty nor full.
    const app = appHeap(96 * kB)
    const lengths = { events: 200, attempts: 50, pollFailures: 2 }
    const withFailures: HeapRun = { ...app, onceFull: { ...(app.onceFull as NonNullable<HeapRun['onceFull']>), logs: { from: lengths, to: lengths } } }
    expect(renderTable({ ...base, heap: { app: withFailures, baseline: baselineHeap } })).toContain('12.4 min · 25.3 min · 2 of 20')
  })

  it('breaks the heap growth down by part in one line, from the results', () => {
    const line = heapLine({ ...base, heap: { app: appHeap(96 * kB), baseline: baselineHeap } })
    expect(line).toContain('once the bounded logs are full (25.3 min → 35.3 min), used heap +96.0 kB, snapshots +93.0 kB: engine caches +63.0 kB, compiled code +30.0 kB;')
    expect(line).toContain('while they fill (0.0 min → 10.0 min), used heap +800.0 kB, snapshots +824.4 kB: compiled code +750.0 kB, engine caches +48.0 kB, log entries +26.0 kB, the rest +0.4 kB')
    expect(line).toContain('. Logs full: events (200) after 12.4 min, socket attempts (50) after 25.3 min; not full: poll failures (0 of 20 at the end).')
    expect(readmeBlock({ ...base, heap: { app: appHeap(96 * kB), baseline: baselineHeap } })).toContain(line as string)
    expect(readmeBlock(base)).not.toContain('heap growth is made of')
  })
})

describe('what the JavaScript is made of', () => {
  it('lists the first-paint parts, and all parts with a part in both lists summed once, largest first', () => {
    const report: SizeReport = {
      ...size(9 * kB, 80 * kB),
      initialParts: [
        { part: 'src/core/protocol/', gzipBytes: 3 * kB, renderedBytes: 9 * kB },
        { part: 'src/boot/firstScreen.ts', gzipBytes: 1.5 * kB, renderedBytes: 4 * kB },
      ],
      lazyParts: [
        { part: 'vue', gzipBytes: 40 * kB, renderedBytes: 100 * kB },
        { part: 'src/core/protocol/', gzipBytes: 2 * kB, renderedBytes: 5 * kB },
      ],
    }
    const block = readmeBlock({ ...base, size: { app: report, baseline: { bytes: 1, gzipBytes: 1 } } })
    expect(block).toContain('before first paint (the entry), src/core/protocol/ 3.0 kB, src/boot/firstScreen.ts 1.5 kB;')
    expect(block).toContain('all of it, vue 40.0 kB, src/core/protocol/ 5.0 kB, src/boot/firstScreen.ts 1.5 kB.')
  })
})
