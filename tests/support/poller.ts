/** A `PollingTransport` on a fake clock and a fake fetch, with everything it reports written down. */
import type { CounterName, DiagnosticKind, DiagnosticLevel } from '../../src/core/eventLog'
import type { PaymentStatus } from '../../src/core/protocol/status'
import { PollingTransport, type PollFailure, type PollingSink } from '../../src/core/transports/polling'
import type { FetchLike } from '../../src/core/transports/transport'
import { CHANNEL_ID } from './channel'
import { FakeClock } from './clock'
import { FakeFetch } from './fetch'

export interface LogEntry {
  kind: DiagnosticKind
  level: DiagnosticLevel
  message: string
}

/**
 * `random`: the jitter draw (0.5 unless told). `fetch`: wraps the fake fetch, e.g. to see the
 * request's headers or to drop its signal. The poll interval is 5 s.
 */
export function pollerOnFakes(options: { random?: () => number; fetch?: (fake: FetchLike) => FetchLike } = {}) {
  const clock = new FakeClock()
  const http = new FakeFetch()
  const statuses: Array<{ status: PaymentStatus; startedAt: number | null }> = []
  const failures: PollFailure[] = []
  const entries: LogEntry[] = []
  const log: string[] = []
  const counts: Partial<Record<CounterName, number>> = {}
  const serverTimes: number[] = []
  let notFound = 0
  let succeeded = 0
  const sink: PollingSink = {
    status: (status, meta) => statuses.push({ status, startedAt: meta.requestStartedAt }),
    notFound: () => notFound++,
    serverTime: (ms) => serverTimes.push(ms),
    pollSucceeded: () => succeeded++,
    pollFailed: (f) => failures.push(f),
  }
  const diagnostics = {
    log: (kind: DiagnosticKind, level: DiagnosticLevel, message: string) => {
      entries.push({ kind, level, message })
      log.push(message)
    },
    count: (counter: CounterName) => (counts[counter] = (counts[counter] ?? 0) + 1),
  }
  const fetch = options.fetch ? options.fetch(http.fetch) : http.fetch
  const poller = new PollingTransport(
    { apiUrl: 'https://test.example', channelId: CHANNEL_ID, fetch, clock, intervalMs: 5000, random: options.random ?? (() => 0.5) },
    sink,
    diagnostics,
  )
  return {
    clock,
    http,
    poller,
    statuses,
    failures,
    entries,
    counts,
    /** The messages logged, in order (the same as `entries`, without kind and level). */
    log,
    notFound: () => notFound,
    succeeded: () => succeeded,
    serverTime: () => serverTimes.at(-1) ?? null,
    serverTimes,
  }
}
