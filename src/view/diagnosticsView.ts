/**
 * What the diagnostics panel shows, worked out from one snapshot: the hints, the connection's
 * facts, the counters, the socket attempts and the event log, each already in words and figures.
 * The panel's sections only lay them out.
 */
import { hintsFor, type Hint } from '../core/diagnostics/hints'
import { formatMs, formatRelative, formatTimeOfDay } from '../core/format'
import type { DiagnosticLevel, DiagnosticKind } from '../core/eventLog'
import type { MonitorSnapshot } from '../core/machine/snapshot'
import { describeCloseCode } from '../core/protocol/closeCodes'
import type { ConnectionTestResult } from '../core/diagnostics/connectionTest'
import type { DiagnosticsEnv } from './diagnosticsEnv'

/** The log shows the newest entries first, bounded so a long session stays light. */
export const EVENT_ROWS_SHOWN = 100

/** One `label: value` line of a fact list. */
export interface Fact {
  label: string
  value: string
  /** A `data-testid` for the value, where tests read it. */
  testId?: string
  /** URLs and origins: monospaced, and may break anywhere. */
  code?: boolean
}

/** One socket attempt, every column in words. */
export interface AttemptRow {
  id: number
  started: string
  open: string
  welcome: string
  lifetime: string
  quietBeforeClose: string
  closeCode: string
  reason: string
  clean: string
  closedBy: string
}

export interface EventRow {
  key: string
  time: string
  kind: DiagnosticKind
  level: DiagnosticLevel
  message: string
}

export interface DiagnosticsView {
  hints: Hint[]
  connection: Fact[]
  counters: Fact[]
  /** Newest first. */
  attempts: AttemptRow[]
  /** Newest first, at most `EVENT_ROWS_SHOWN`. */
  events: EventRow[]
}

const yesNo = (value: boolean): string => (value ? 'yes' : 'no')
const closeCode = (code: number | null): string => (code === null ? '–' : describeCloseCode(code))

/**
 * @example diagnosticsView(store.snapshot, { pageOrigin: location.origin, ... }, Date.now()).hints
 */
export function diagnosticsView(snapshot: MonitorSnapshot, env: DiagnosticsEnv, now: number): DiagnosticsView {
  const relative = (at: number | null): string => formatRelative(at, now)
  const { counters } = snapshot
  return {
    hints: hintsFor({ ...snapshot, pageProtocol: env.pageProtocol }),
    connection: [
      { label: 'State', value: snapshot.state, testId: 'diag-state' },
      { label: 'Transport', value: snapshot.transport, testId: 'diag-transport' },
      { label: 'WebSocket', value: snapshot.endpoints.wsUrl, code: true },
      { label: 'API', value: snapshot.endpoints.apiUrl, code: true },
      { label: 'Page', value: `${env.pageOrigin ?? '–'} (${env.pageProtocol ?? '–'})${env.embedded ? ', in an iframe' : ''}`, code: true },
      { label: 'Online', value: yesNo(snapshot.online) },
      { label: 'Page visible', value: yesNo(snapshot.visible) },
      { label: 'Round trip', value: formatMs(snapshot.rttMs) },
      { label: 'Poll interval', value: formatMs(snapshot.pollIntervalMs) },
      { label: 'Next poll', value: relative(snapshot.nextPollAt) },
      { label: 'Next socket attempt', value: relative(snapshot.nextSocketAttemptAt) },
      { label: 'Last update', value: relative(snapshot.lastUpdateAt) },
      { label: 'Server clock offset', value: formatMs(snapshot.serverClockOffsetMs) },
      { label: 'Last close', value: closeCode(snapshot.lastCloseCode) },
    ],
    counters: [
      { label: 'Frames in / out', value: `${counters.framesIn} / ${counters.framesOut}` },
      { label: 'Invalid frames', value: String(counters.invalidFrames) },
      { label: 'Polls / errors', value: `${counters.polls} / ${counters.pollErrors}` },
      { label: 'Server errors', value: String(counters.errors) },
    ],
    attempts: snapshot.attempts
      .slice()
      .reverse()
      .map((a) => ({
        id: a.id,
        started: formatTimeOfDay(a.startedAt),
        open: formatMs(a.openMs),
        welcome: formatMs(a.welcomeMs),
        lifetime: formatMs(a.lifetimeMs),
        quietBeforeClose: formatMs(a.quietMs),
        closeCode: closeCode(a.closeCode),
        reason: [a.closeReason, a.clientReason].filter(Boolean).join(' · ') || '–',
        clean: a.wasClean === null ? '–' : yesNo(a.wasClean),
        closedBy: a.closedBy ?? '–',
      })),
    events: snapshot.events
      .slice(-EVENT_ROWS_SHOWN)
      .reverse()
      .map((e, i) => ({ key: `${e.at}-${i}`, time: formatTimeOfDay(e.at), kind: e.kind, level: e.level, message: e.message })),
  }
}

/** What a screen reader hears once the connection test is over: the verdict in one sentence. */
export function testAnnouncement(result: Pick<ConnectionTestResult, 'verdicts' | 'cancelled'>): string {
  if (result.cancelled) return 'Connection test cancelled.'
  const fails = result.verdicts.filter((v) => v.level === 'fail').length
  const warns = result.verdicts.filter((v) => v.level === 'warn').length
  if (fails === 0 && warns === 0) return `Connection test done: all ${result.verdicts.length} checks passed.`
  const parts = [fails > 0 ? `${fails} failed` : null, warns > 0 ? `${warns} with a warning` : null].filter(Boolean)
  return `Connection test done: ${parts.join(', ')} of ${result.verdicts.length} checks. The results are listed below.`
}
