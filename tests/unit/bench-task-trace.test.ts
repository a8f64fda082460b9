/**
 * The trace reader of bench/taskTrace.ts: long tasks on the page's main thread (the one that
 * parsed its HTML), in ms since navigation, with what ran inside each.
 */
import { describe, expect, it } from 'vitest'
import { tracedTasks, type TraceEvent } from '../../bench/taskTrace'

const MAIN = { pid: 1, tid: 7 }
const OTHER = { pid: 1, tid: 9 }
const x = (name: string, ts: number, dur: number, thread = MAIN): TraceEvent => ({ name, ph: 'X', ts, dur, ...thread })

describe('tracedTasks', () => {
  it("reads the main thread's tasks of at least 45 ms, timed from navigation, with their events summed by name", () => {
    const events: TraceEvent[] = [
      { name: 'navigationStart', ph: 'R', ts: 500_000, cat: 'blink.user_timing', ...OTHER }, // an earlier page
      { name: 'navigationStart', ph: 'R', ts: 1_000_000, cat: 'blink.user_timing', ...MAIN },
      x('ParseHTML', 1_010_000, 5_000),
      x('RunTask', 1_100_000, 60_000),
      x('Layout', 1_105_000, 30_000),
      x('Layout', 1_140_000, 10_000),
      x('UpdateLayoutTree', 1_150_000, 5_000),
      x('RunTask', 1_200_000, 44_000), // short: not listed
      x('RunTask', 1_300_000, 80_000, OTHER), // a worker's: not listed
      x('V8.CompileCode', 1_310_000, 20_000, OTHER),
      x('RunTask', 1_400_000, 50_000),
      x('v8.callFunction', 1_400_000, 50_000),
      x('V8.CompileCode', 1_410_000, 20_000),
      x('Layout', 1_445_000, 10_000), // ends after the task: not inside it
      { name: 'dlux:app-start', ph: 'R', ts: 1_160_000, cat: 'blink.user_timing', ...MAIN },
    ]
    const { tasks, marks } = tracedTasks(events)
    expect(tasks).toEqual([
      { start: 100, duration: 60, inside: [['Layout', 40], ['UpdateLayoutTree', 5]] },
      { start: 400, duration: 50, inside: [['v8.callFunction', 50], ['V8.CompileCode', 20]] },
    ])
    expect(marks).toEqual([['dlux:app-start', 160]])
  })

  it('finds nothing in a trace without the page (no HTML parsed)', () => {
    expect(tracedTasks([x('RunTask', 0, 100_000)])).toEqual({ tasks: [], marks: [] })
  })
})
