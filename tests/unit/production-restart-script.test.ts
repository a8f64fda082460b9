import { describe, expect, it } from 'vitest'
import { parseArgs, UsageError } from '../../scripts/production-restart/args'
import { renderTable, runFigures, scheduledDelays, summary, type RunFigures } from '../../scripts/production-restart/figures'
import type { HookSnapshot } from '../../tools/browser/recorder'

const checkout = (file: string) => file === '/dd/api/wsmonitor.js'

describe('production restart command line', () => {
  it('needs a checkout with api/wsmonitor.js, and says which file is missing', () => {
    expect(() => parseArgs([], checkout)).toThrow(/--docker-data <dir> is required/)
    expect(() => parseArgs(['--docker-data', '/elsewhere'], checkout)).toThrow(/\/elsewhere\/api\/wsmonitor\.js does not exist/)
    expect(() => parseArgs(['--docker-data'], checkout)).toThrow(/needs a value/)
  })

  it('defaults to 3 runs of 10 s down after 20 s healthy, and refuses what it cannot run', () => {
    expect(parseArgs(['--docker-data', '/dd'], checkout)).toEqual({
      dockerData: '/dd',
      wsmonitorFile: '/dd/api/wsmonitor.js',
      downMs: 10_000,
      runs: 3,
      healthyMs: 20_000,
    })
    expect(parseArgs(['--docker-data', '/dd', '--down-ms', '0', '--runs', '1'], checkout)).toMatchObject({ downMs: 0, runs: 1 })
    expect(() => parseArgs(['--docker-data', '/dd', '--runs', '0'], checkout)).toThrow(UsageError)
    expect(() => parseArgs(['--docker-data', '/dd', '--down-ms', '1.5'], checkout)).toThrow(/--down-ms must be a whole number/)
    // Shorter than the app's 5 s before a socket counts as healthy, the kill would test another rule.
    expect(() => parseArgs(['--docker-data', '/dd', '--healthy-ms', '3000'], checkout)).toThrow(/--healthy-ms/)
    expect(() => parseArgs(['--docker-data', '/dd', '--bogus'], checkout)).toThrow(/unknown option: --bogus/)
    expect(parseArgs(['--help'], checkout)).toBe('help')
  })
})

const snap = (t: number, state: string, transport: string, wsAttempts: number): HookSnapshot => ({
  t,
  href: 'http://localhost/',
  status: 'waiting_payment',
  progress: '20',
  state,
  transport,
  closeCode: null,
  wsAttempts: String(wsAttempts),
})

describe('production restart figures', () => {
  const killedAt = 100_000
  const restartedAt = 110_000
  const snapshots = [
    snap(80_000, 'open', 'websocket', 1),
    snap(100_010, 'polling', 'polling', 1),
    snap(100_700, 'polling', 'polling', 2),
    snap(104_000, 'polling', 'polling', 3),
    snap(112_000, 'polling', 'polling', 4),
    snap(114_300, 'open', 'websocket', 4),
    snap(120_000, 'open', 'websocket', 5),
  ]

  it('times the return from the restart to the first open after the page left the socket', () => {
    const figures = runFigures({ run: 1, killedAt, restartedAt, snapshots, polls: [99_000, 100_020, 105_000, 110_500], report: '' })
    expect(figures).toEqual({
      run: 1,
      backMs: 4300,
      states: ['polling/polling', 'open/websocket'],
      attemptsWhileDown: 2,
      attemptsAfterRestart: 1,
      pollsWhileDown: 2,
      scheduledMs: [],
    })
  })

  it('reports a page that never came back as not back', () => {
    const stuck = snapshots.slice(0, 5)
    expect(runFigures({ run: 2, killedAt, restartedAt, snapshots: stuck, polls: [], report: '' }).backMs).toBeNull()
    // An open that was never left (the kill not yet noticed) is not a return.
    expect(runFigures({ run: 3, killedAt, restartedAt, snapshots: [snap(100_001, 'open', 'websocket', 1)], polls: [], report: '' }).backMs).toBeNull()
  })

  it('reads the scheduled socket delays of the report from the kill on', () => {
    const report = [
      '2026-12-07T01:49:05.480Z info  socket       Next socket attempt in 9.9 s',
      '2026-12-07T01:49:25.707Z info  socket       Next socket attempt in 0.7 s',
      '2026-12-07T01:49:26.364Z warn  socket       Attempt #2: closed 1006',
      '2026-12-07T01:49:34.015Z info  socket       Next socket attempt in 12.8 s (spread after a server restart)',
    ].join('\n')
    expect(scheduledDelays(report, Date.parse('2026-12-07T01:49:25.702Z'))).toEqual([700, 12_800])
  })

  it('summarises median and worst, and a run that never came back is the worst', () => {
    const run = (backMs: number | null): RunFigures => ({ run: 1, backMs, states: [], attemptsWhileDown: 0, attemptsAfterRestart: 0, pollsWhileDown: 0, scheduledMs: [] })
    expect(summary([run(13_000), run(4000), run(9000)])).toEqual({ medianMs: 9000, worstMs: 13_000, allBack: true })
    expect(summary([run(4000), run(9000)])).toMatchObject({ medianMs: 6500 })
    expect(summary([run(4000), run(null)])).toEqual({ medianMs: 4000, worstMs: null, allBack: false })
    expect(renderTable([run(13_000), run(16_000)], 15_000)).toMatch(/worst 16\.0 s; target ≤ 15\.0 s: NOT met/)
    expect(renderTable([run(13_000)], 15_000)).toMatch(/worst 13\.0 s; target ≤ 15\.0 s: met/)
  })
})
