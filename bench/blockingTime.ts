/**
 * Total blocking time as Lighthouse defines it, its Time to Interactive, and the longest task in a
 * span, computed from the page's `longtask` entries. Pure: bench/mainThread.ts reads the entries
 * from the page, this file only counts, so the rules are tested on plain lists.
 *
 * All times are the page's `performance.now()` milliseconds (since navigation start).
 */

/** A main-thread task of 50 ms or more, as a `longtask` PerformanceEntry reports it. */
export interface Task {
  start: number
  duration: number
}

/** A network request, from its start to the end of its response (Resource Timing). */
export interface Request {
  start: number
  end: number
}

/** Lighthouse's threshold: a task blocks input for the part of it beyond 50 ms. */
export const BLOCKING_THRESHOLD_MS = 50
/** Lighthouse's TTI needs this long without long tasks and with the network quiet. */
export const QUIET_WINDOW_MS = 5000
/** "Quiet network" in Lighthouse's TTI: at most this many requests in flight. */
export const QUIET_REQUESTS = 2

const end = (task: Task): number => task.start + task.duration

/**
 * The sum, over long tasks, of the part beyond 50 ms, counting only what lies between FCP and
 * TTI: a task that straddles either edge is clipped to the window first, and counts only if the
 * clipped part is still over 50 ms (Lighthouse's `calculateSumOfBlockingTime`).
 */
export function totalBlockingTime(tasks: readonly Task[], fcp: number, tti: number): number {
  if (tti <= fcp) return 0
  let sum = 0
  for (const task of tasks) {
    const clipped = Math.min(end(task), tti) - Math.max(task.start, fcp)
    if (clipped > BLOCKING_THRESHOLD_MS) sum += clipped - BLOCKING_THRESHOLD_MS
  }
  return sum
}

/** Most requests in flight at any moment of [from, to). */
function mostInFlight(requests: readonly Request[], from: number, to: number): number {
  const overlapping = requests.filter((r) => r.start < to && r.end > from)
  // The count only rises at a request's start (or at `from`), so those moments are enough.
  const moments = [from, ...overlapping.map((r) => r.start).filter((t) => t > from)]
  return Math.max(0, ...moments.map((t) => overlapping.filter((r) => r.start <= t && r.end > t).length))
}

/**
 * Time to Interactive, as Lighthouse finds it: the first stretch of `QUIET_WINDOW_MS` after FCP
 * with no long task and at most two requests in flight; TTI is the end of the last long task
 * before that stretch, or FCP if none ended after FCP. Null while no such stretch lies wholly
 * before `observedUntil`: the page has not been watched long enough to know.
 */
export function timeToInteractive(tasks: readonly Task[], requests: readonly Request[], fcp: number, observedUntil: number): number | null {
  // A quiet stretch can only begin where the main thread or the network has just gone quiet.
  const starts = [fcp, ...tasks.map(end), ...requests.map((r) => r.end)].filter((t) => t >= fcp).sort((a, b) => a - b)
  for (const from of starts) {
    const to = from + QUIET_WINDOW_MS
    if (to > observedUntil) return null
    if (tasks.some((task) => task.start < to && end(task) > from)) continue
    if (mostInFlight(requests, from, to) > QUIET_REQUESTS) continue
    return Math.max(fcp, ...tasks.map(end).filter((t) => t <= from))
  }
  return null
}

/** The longest task that overlaps [from, to], or null if none does. */
export function longestOverlapping(tasks: readonly Task[], from: number, to: number): Task | null {
  let longest: Task | null = null
  for (const task of tasks) {
    if (task.start > to || end(task) < from) continue
    if (!longest || task.duration > longest.duration) longest = task
  }
  return longest
}
