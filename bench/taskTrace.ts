/**
 * What Chromium did in each long main-thread task of the cheap-phone row:
 * `npx tsx bench/taskTrace.ts [runs]` loads the app as bench/mainThread.ts does (CPU 4×,
 * Lighthouse's mobile network) with a trace (CDP `Tracing`) from before navigation, and prints
 * every task of 45 ms or more on the page's main thread with the trace events inside it, summed by
 * name: script (`v8.callFunction`, `RunMicrotasks`), lazy compiling (`V8.CompileCode`,
 * `V8.ParseFunction`), module evaluation, style and layout (`UpdateLayoutTree`, `Layout`). It
 * tells apart what a CPU profile (longTaskProfile.ts) shows only as "(program)": a frame's
 * layout, or compiling functions on their first call. Times are ms since navigation, as the
 * `longtask` entries and the hand-over's marks (printed too) are.
 *
 * A finding tool, not a figure: nothing here goes into results.json.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { CDPSession } from 'playwright-core'
import { onCheapPhonePages } from './cheapPhonePages'
import { sleep } from './stats'

/** The fields of a Chrome trace event read here (`ts` and `dur` in microseconds). */
export interface TraceEvent {
  name: string
  ph: string
  pid: number
  tid: number
  ts: number
  dur?: number
  cat?: string
}

export interface TracedTask {
  /** ms since navigation */
  start: number
  duration: number
  /** Event name → ms inside the task, largest first. */
  inside: Array<[string, number]>
}

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'v8',
  'disabled-by-default-v8.compile',
  'blink.user_timing',
].join(',')
const WATCH_MS = 8000

/**
 * The page's main thread is the one that parsed its HTML; navigation starts at the last
 * `navigationStart` mark before that. Tasks (`RunTask`) of at least `minMs`, each with the complete
 * events nested in it summed by name (nested events count in each of their ancestors' names).
 */
export function tracedTasks(events: readonly TraceEvent[], minMs = 45, top = 12): { tasks: TracedTask[]; marks: Array<[string, number]> } {
  const parse = events.find((e) => e.name === 'ParseHTML')
  if (!parse) return { tasks: [], marks: [] }
  const onMain = events.filter((e) => e.pid === parse.pid && e.tid === parse.tid)
  const navigation = events.filter((e) => e.name === 'navigationStart' && e.ts <= parse.ts).at(-1)?.ts ?? parse.ts
  const ms = (us: number): number => (us - navigation) / 1000
  const tasks = onMain
    .filter((e) => e.name === 'RunTask' && e.ph === 'X' && (e.dur ?? 0) >= minMs * 1000)
    .map((task) => {
      const end = task.ts + (task.dur ?? 0)
      const byName = new Map<string, number>()
      for (const e of onMain) {
        if (e === task || e.ph !== 'X' || e.ts < task.ts || e.ts + (e.dur ?? 0) > end) continue
        byName.set(e.name, (byName.get(e.name) ?? 0) + (e.dur ?? 0) / 1000)
      }
      const inside = [...byName].sort((a, b) => b[1] - a[1]).slice(0, top)
      return { start: ms(task.ts), duration: (task.dur ?? 0) / 1000, inside }
    })
  const marks = events
    .filter((e) => e.cat?.includes('blink.user_timing') && e.name.startsWith('dlux:'))
    .map((e): [string, number] => [e.name, ms(e.ts)])
  return { tasks, marks }
}

async function traceOnce(cdp: CDPSession, events: TraceEvent[]): Promise<void> {
  await sleep(WATCH_MS)
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve))
  await cdp.send('Tracing.end')
  await complete
  const { tasks, marks } = tracedTasks(events)
  console.log(`  marks: ${marks.map(([name, at]) => `${name} ${Math.round(at)} ms`).join(', ') || 'none'}`)
  for (const task of tasks) {
    const inside = task.inside.map(([name, spent]) => `${name} ${Math.round(spent)}`).join(', ')
    console.log(`  task at ${Math.round(task.start)} ms, ${Math.round(task.duration)} ms: ${inside}`)
  }
}

async function main(runs: number): Promise<void> {
  let events: TraceEvent[] = []
  await onCheapPhonePages(
    runs,
    async (session) => {
      events = []
      session.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])))
      await session.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' })
    },
    async (run, _client, session) => {
      console.log(`\nrun ${run}`)
      await traceOnce(session, events)
    },
  )
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(Number(process.argv[2] ?? 1)).catch((error: unknown) => {
    console.error(error)
    process.exitCode = 1
  })
}
