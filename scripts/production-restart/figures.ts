/**
 * The figures of one kill-and-restart, read off what the page showed (the recorder's hook
 * snapshots, stamped with the browser's clock, which is this machine's) and what its diagnostics
 * report logged; and the table of all runs.
 */
import type { HookSnapshot } from '../../tools/browser/recorder'

export interface RunFigures {
  run: number
  /** Restart (new process listening) → page back `open` on the socket; null: never back. */
  backMs: number | null
  /** `state/transport` pairs the page showed from the kill until it was back. */
  states: string[]
  /** Socket attempts started between the kill and the restart. */
  attemptsWhileDown: number
  /** Socket attempts started from the restart until the page was back. */
  attemptsAfterRestart: number
  /** Status requests the REST route answered between the kill and the restart. */
  pollsWhileDown: number
  /** The delays the page scheduled before its socket attempts from the kill on, in ms. */
  scheduledMs: number[]
}

export interface RunEvents {
  run: number
  killedAt: number
  restartedAt: number
  snapshots: readonly HookSnapshot[]
  polls: readonly number[]
  report: string
}

/** The socket attempt count the page showed at wall-clock `at` (the last snapshot not after it). */
function attemptsAt(snapshots: readonly HookSnapshot[], at: number): number {
  let count = 0
  for (const s of snapshots) {
    if (s.t > at) break
    const value = Number(s.wsAttempts)
    if (s.wsAttempts !== null && Number.isFinite(value)) count = value
  }
  return count
}

/** The first snapshot after the kill in which the page is `open` again, having left it. */
function backOpen(after: readonly HookSnapshot[]): HookSnapshot | null {
  const left = after.findIndex((s) => s.state !== null && s.state !== 'open')
  if (left < 0) return null
  return after.slice(left).find((s) => s.state === 'open') ?? null
}

const NEXT_ATTEMPT = /^(\S+) +\S+ +socket +Next socket attempt in (\d+(?:\.\d+)?) s/

/** "Next socket attempt in 1.4 s" lines of a diagnostics report logged at or after `since`. */
export function scheduledDelays(report: string, since: number): number[] {
  const delays: number[] = []
  for (const line of report.split('\n')) {
    const match = NEXT_ATTEMPT.exec(line.trim())
    if (!match?.[1] || !match[2]) continue
    if (Date.parse(match[1]) >= since) delays.push(Math.round(Number(match[2]) * 1000))
  }
  return delays
}

export function runFigures(events: RunEvents): RunFigures {
  const { snapshots, killedAt, restartedAt } = events
  const after = snapshots.filter((s) => s.t >= killedAt)
  const back = backOpen(after)
  const states: string[] = []
  for (const s of after) {
    if (s.state === null || (back && s.t > back.t)) continue
    const pair = `${s.state}/${s.transport ?? '?'}`
    if (states[states.length - 1] !== pair) states.push(pair)
  }
  const attemptsAtRestart = attemptsAt(snapshots, restartedAt)
  return {
    run: events.run,
    backMs: back ? back.t - restartedAt : null,
    states,
    attemptsWhileDown: attemptsAtRestart - attemptsAt(snapshots, killedAt),
    attemptsAfterRestart: back ? attemptsAt(snapshots, back.t) - attemptsAtRestart : 0,
    pollsWhileDown: events.polls.filter((t) => t >= killedAt && t < restartedAt).length,
    scheduledMs: scheduledDelays(events.report, killedAt),
  }
}

function seconds(ms: number | null): string {
  return ms === null ? 'not back' : `${(ms / 1000).toFixed(1)} s`
}

/** The median of the runs that came back, and the worst (a run that never came back is the worst). */
export function summary(runs: readonly RunFigures[]): { medianMs: number | null; worstMs: number | null; allBack: boolean } {
  const back = runs.map((r) => r.backMs).filter((ms): ms is number => ms !== null).sort((a, b) => a - b)
  const allBack = back.length === runs.length
  const mid = back.length / 2
  const medianMs = back.length === 0 ? null : back.length % 2 ? (back[Math.floor(mid)] as number) : Math.round(((back[mid - 1] as number) + (back[mid] as number)) / 2)
  return { medianMs, worstMs: allBack ? (back[back.length - 1] ?? null) : null, allBack }
}

export function renderTable(runs: readonly RunFigures[], targetMs: number): string {
  const rows = runs.map((r) =>
    [
      String(r.run),
      seconds(r.backMs),
      r.states.join(' → '),
      String(r.attemptsWhileDown),
      String(r.attemptsAfterRestart),
      String(r.pollsWhileDown),
      r.scheduledMs.map((ms) => (ms / 1000).toFixed(1)).join(', '),
    ],
  )
  const header = ['run', 'back on socket after restart', 'states from the kill', 'attempts while down', 'attempts after restart', 'polls while down', 'scheduled delays (s)']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)))
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`
  const { medianMs, worstMs, allBack } = summary(runs)
  const verdict = allBack && worstMs !== null && worstMs <= targetMs ? 'met' : 'NOT met'
  return [
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    `median ${seconds(medianMs)}, worst ${allBack ? seconds(worstMs) : 'not back'}; target ≤ ${seconds(targetMs)}: ${verdict}`,
  ].join('\n')
}
