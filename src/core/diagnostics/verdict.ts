/**
 * A verdict: what was observed on a connection, judged PASS / WARN / FAIL with the layer at fault
 * and a one-line fix (from causes.ts). The judges live in socketVerdicts.ts (the socket and its
 * origin) and pathVerdicts.ts (DNS, TCP, TLS, the page, REST, CORS). Pure and framework-free:
 * `npm run doctor`, the in-page connection test and the passive hints all judge through them, so
 * they agree word for word.
 */
import { CAUSES, type CauseId, type Layer } from './causes'

export type VerdictLevel = 'pass' | 'warn' | 'fail'

export type CheckId =
  | 'online'
  | 'mixed-content'
  | 'csp'
  | 'dns'
  | 'tcp'
  | 'tls'
  | 'upgrade'
  | 'compression'
  | 'welcome'
  | 'rtt'
  | 'idle'
  | 'origin'
  | 'foreign-origin'
  | 'rest'
  | 'cors'
  | 'subscribe'

export interface Verdict {
  check: CheckId
  level: VerdictLevel
  layer: Layer
  /** What was seen, one line. */
  summary: string
  /** What to do, one line; empty on a pass. */
  fix: string
  cause: CauseId | null
}

const RANK: Record<VerdictLevel, number> = { pass: 0, warn: 1, fail: 2 }

export function pass(check: CheckId, layer: Layer, summary: string): Verdict {
  return { check, level: 'pass', layer, summary, fix: '', cause: null }
}

export function blame(check: CheckId, level: 'warn' | 'fail', cause: CauseId, summary: string): Verdict {
  return { check, level, layer: CAUSES[cause].layer, summary, fix: CAUSES[cause].fix, cause }
}

/** The worst level among verdicts; `pass` for none. */
export function worstLevel(verdicts: readonly Verdict[]): VerdictLevel {
  return verdicts.reduce<VerdictLevel>((worst, v) => (RANK[v.level] > RANK[worst] ? v.level : worst), 'pass')
}

/** `FAIL welcome [proxy] closed 1006 … — fix: …`: one verdict on one line, as every surface prints it. */
export function verdictLine(v: Verdict): string {
  return `${v.level.toUpperCase()} ${v.check} [${v.layer}] ${v.summary}${v.fix ? ` — fix: ${v.fix}` : ''}`
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}
