/**
 * Where each long task of the cheap-phone row goes: `npx tsx bench/longTaskProfile.ts [runs] [functions]`
 * loads the app as bench/mainThread.ts does (CPU 4×, Lighthouse's mobile network), built without
 * minifying so functions keep their source names, with a CPU profile (CDP `Profiler`) from before
 * navigation, and prints, for every long task, the functions its samples fell in: by self time
 * (where the time was spent) and by total time (which caller it was spent for).
 *
 * A finding tool, not a figure: nothing here goes into results.json.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { CDPSession } from 'playwright-core'
import type { Task } from './blockingTime'
import { onCheapPhonePages } from './cheapPhonePages'
import { readLongTasks } from './mainThread'
import type { Client } from './page'
import { sleep } from './stats'

/** The part of CDP's `Profiler.Profile` this file reads. */
export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }>
  /** Microseconds on the browser's monotonic clock. */
  startTime: number
  samples?: number[]
  timeDeltas?: number[]
}

export interface TaskProfile {
  task: Task
  samples: number
  /** Function → share of the task's samples, largest first. */
  self: Array<[string, number]>
  total: Array<[string, number]>
}

const SAMPLE_EVERY_US = 200
/** Long enough for the app to be interactive on the emulated phone (its TTI is about 3 to 4 s). */
const WATCH_MS = 8000

function frameName(frame: CpuProfile['nodes'][number]['callFrame']): string {
  const file = frame.url.split('/').pop()?.split('?')[0] ?? ''
  return `${frame.functionName || '(anonymous)'} ${file ? `${file}:${frame.lineNumber + 1}` : '(native)'}`
}

/**
 * The profile's samples that fell inside each task (task times are ms since navigation start,
 * `navigationStartUs` the same moment on the profile's clock), summed by function.
 */
export function profileTasks(profile: CpuProfile, navigationStartUs: number, tasks: readonly Task[], top = 8): TaskProfile[] {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
  const parents = new Map<number, number>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id)
  const stamped: Array<{ ms: number; node: number }> = []
  let at = profile.startTime
  for (const [i, node] of (profile.samples ?? []).entries()) {
    at += profile.timeDeltas?.[i] ?? 0
    stamped.push({ ms: (at - navigationStartUs) / 1000, node })
  }
  const ranked = (counts: Map<string, number>, all: number): Array<[string, number]> =>
    [...counts].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, count]) => [name, count / all])
  return tasks.map((task) => {
    const inside = stamped.filter((s) => s.ms >= task.start && s.ms <= task.start + task.duration)
    const self = new Map<string, number>()
    const total = new Map<string, number>()
    for (const sample of inside) {
      const leaf = nodes.get(sample.node)
      if (leaf) self.set(frameName(leaf.callFrame), (self.get(frameName(leaf.callFrame)) ?? 0) + 1)
      // A recursive function is on the stack once per sample, not once per frame.
      const onStack = new Set<string>()
      for (let id: number | undefined = sample.node; id !== undefined; id = parents.get(id)) {
        const node = nodes.get(id)
        if (node && node.callFrame.url !== '') onStack.add(frameName(node.callFrame))
      }
      for (const name of onStack) total.set(name, (total.get(name) ?? 0) + 1)
    }
    return { task, samples: inside.length, self: ranked(self, inside.length), total: ranked(total, inside.length) }
  })
}

async function profileOnce(client: Client, cdp: CDPSession, top: number): Promise<TaskProfile[]> {
  await sleep(WATCH_MS)
  const { profile } = await cdp.send('Profiler.stop')
  const { metrics } = await cdp.send('Performance.getMetrics')
  const navigationStart = metrics.find((m) => m.name === 'NavigationStart')?.value
  if (navigationStart === undefined) throw new Error('no NavigationStart in Performance.getMetrics')
  return profileTasks(profile, navigationStart * 1e6, await readLongTasks(client), top)
}

async function main(runs: number, top: number): Promise<void> {
  const percent = (share: number): string => `${Math.round(share * 100)} %`
  await onCheapPhonePages(
    runs,
    async (session) => {
      await session.send('Performance.enable')
      await session.send('Profiler.enable')
      await session.send('Profiler.setSamplingInterval', { interval: SAMPLE_EVERY_US })
      await session.send('Profiler.start')
    },
    async (run, client, session) => {
      console.log(`\nrun ${run}`)
      for (const t of await profileOnce(client, session, top)) {
        console.log(`\nlong task at ${Math.round(t.task.start)} ms, ${Math.round(t.task.duration)} ms (${t.samples} samples)`)
        console.log(`  self:  ${t.self.map(([name, share]) => `${name} ${percent(share)}`).join(', ')}`)
        console.log(`  total: ${t.total.map(([name, share]) => `${name} ${percent(share)}`).join(', ')}`)
      }
    },
  )
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(Number(process.argv[2] ?? 1), Number(process.argv[3] ?? 8)).catch((error: unknown) => {
    console.error(error)
    process.exitCode = 1
  })
}
