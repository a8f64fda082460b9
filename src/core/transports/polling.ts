/**
 * HTTP status polling: the truth when the socket is down. Runs as a steady loop (`start`) or
 * answers one-off refreshes (`refresh`) while the socket is up.
 *
 * The steady loop runs at a fixed rate: each poll is due one period after the previous one was
 * due (or was sent, for one that was not on the schedule), not one period after its answer, so
 * answer times never add up into drift and an update waits on average half a period, not more.
 * Steady polls have no jitter: a client's own schedule is not a herd. Network errors and 5xx back
 * off with jitter from the poll interval up to a minute; a `Retry-After` is the delay of the next
 * request, counted from its answer (plus at most 10 % jitter, less for short waits), and holds back
 * every next request, whatever asks for it.
 */
import { Backoff } from '../backoff'
import { SingleTimer, type Clock } from '../clock'
import type { DiagnosticsSink } from '../eventLog'
import { API_PATHS, SERVER_ERRORS } from '../protocol/messages'
import { parseApiError, parsePollBody } from '../protocol/bodies'
import { statusFromPoll } from '../protocol/status'
import { parseRetryAfter, retryAfterDelay } from './retryAfter'
import type { FetchLike, StatusSink } from './transport'

export interface PollingTransportOptions {
  apiUrl: string
  channelId: string
  fetch: FetchLike
  clock: Clock
  /** Steady period between polls (fixed-rate: counted from when a poll was due), and the first delay after an error. */
  intervalMs: number
  /** Upper bound of the error backoff. @default 60000 */
  maxBackoffMs?: number
  /**
   * A request that has not answered by then is abandoned (a phone's dead connection, a captive
   * portal) and a fresh one sent at once; only repeated failures back off. @default 8000
   */
  requestTimeoutMs?: number
  /** @default Math.random */
  random?: () => number
  /**
   * The server's clock as the page estimates it (epoch ms), which a `Retry-After` date is read
   * against. @default the device's clock
   */
  serverNow?: () => number
}

/** No answer of any kind, however odd its `Retry-After`, brings the next request sooner than this. */
export const MIN_REQUEST_GAP_MS = 1000
/** @see PollingTransportOptions.requestTimeoutMs */
export const REQUEST_TIMEOUT_MS = 8000

export type PollFailure =
  /** `hung`: no answer at all before the request timeout. */
  | { kind: 'network'; message: string; hung?: boolean }
  /** `receivedAt`: monotonic ms the answer arrived, which a `Retry-After` counts from. */
  | { kind: 'http'; status: number; message: string; retryAfterMs: number | null; receivedAt: number }
  | { kind: 'invalid'; message: string }

export interface PollingSink extends StatusSink {
  /** The API itself said the channel does not exist (its JSON 404, nothing else). */
  notFound(): void
  pollSucceeded(): void
  pollFailed(failure: PollFailure): void
}

/**
 * Only the API's own answer settles "not found": a 404 with its JSON error. A 404 with any other
 * body (a proxy's HTML page for a misrouted path) says nothing about the channel.
 */
export function isChannelNotFound(status: number, body: string): boolean {
  return status === 404 && parseApiError(body)?.error === SERVER_ERRORS.channelNotFound
}

type Outcome = 'ok' | 'not-found' | PollFailure

/** `steady`: the loop polls on its schedule; `on-demand`: refreshes only; `stopped`: final, nothing more. */
type PollingMode = 'steady' | 'on-demand' | 'stopped'

export class PollingTransport {
  private mode: PollingMode = 'on-demand'
  private inFlight: AbortController | null = null
  private readonly timer: SingleTimer
  private readonly requestTimer: SingleTimer
  private readonly errorBackoff: Backoff
  private readonly random: () => number
  /** No request before this monotonic time (Retry-After). */
  private notBefore = 0
  /** Failed requests since the last answer that was not a failure. */
  private failuresInARow = 0

  constructor(
    private readonly options: PollingTransportOptions,
    private readonly sink: PollingSink,
    private readonly diagnostics: DiagnosticsSink,
  ) {
    this.timer = new SingleTimer(options.clock)
    this.requestTimer = new SingleTimer(options.clock)
    this.random = options.random ?? Math.random
    this.errorBackoff = new Backoff({
      baseMs: options.intervalMs,
      maxMs: options.maxBackoffMs ?? 60000,
      floorMs: options.intervalMs,
      random: this.random,
    })
  }

  /** Wall-clock time of the next request (for display), or null when none is scheduled. */
  get nextAt(): number | null {
    return this.timer.due
  }

  /** Starts the steady loop with a request now, or as soon as a Retry-After allows. */
  start(): void {
    if (this.mode === 'stopped') return
    this.mode = 'steady'
    if (!this.timer.pending) this.refresh()
  }

  /** Stops the loop; an answer already on its way is still delivered. */
  pause(): void {
    if (this.mode === 'steady') this.mode = 'on-demand'
    this.timer.cancel()
  }

  /** Ends everything: the loop, the request in flight, its timeout. Final. */
  stop(): void {
    this.mode = 'stopped'
    this.timer.cancel()
    this.requestTimer.cancel()
    this.inFlight?.abort()
    this.inFlight = null
  }

  /** One request now, unless one is already on its way or a Retry-After holds it back. */
  refresh(): void {
    if (this.mode === 'stopped') return
    const wait = this.notBefore - this.options.clock.monotonic()
    if (wait > 0) {
      this.timer.schedule(wait, () => void this.request())
      return
    }
    this.timer.cancel()
    void this.request()
  }

  /** Forgets the error backoff (manual retry). A Retry-After still running is kept: the server said when. */
  resetBackoff(): void {
    this.errorBackoff.reset()
  }

  private scheduleNext(ms: number): void {
    if (this.mode !== 'steady') return
    // A poll keeps the time it was due, so the next one is a whole period after that, however late
    // this timer fires; a timer late by a period or more (a sleeping laptop) starts a new schedule.
    // (Only the hung request's retry comes at once: no answer came, and it waited its timeout.)
    this.timer.schedule(ms, (lateMs) => void this.request(lateMs < this.options.intervalMs ? this.options.clock.monotonic() - lateMs : undefined))
  }

  /** `dueAt`: when a scheduled poll was due (monotonic); one asked for now is due when it is sent. */
  private async request(dueAt?: number): Promise<void> {
    // Never two at once. (After a stop nothing gets here: `refresh` refuses and no timer is left.)
    if (this.inFlight) return
    const { clock, apiUrl, channelId } = this.options
    const controller = new AbortController()
    this.inFlight = controller
    const startedAt = clock.monotonic()
    const url = apiUrl + API_PATHS.status(channelId)
    this.diagnostics.count('polls')
    this.requestTimer.schedule(this.options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS, () => controller.abort())
    const slot = { dueAt: dueAt ?? startedAt }
    let outcome: Outcome
    try {
      outcome = await this.fetchStatus(url, controller.signal, startedAt, slot)
    } catch (error) {
      // Aborted: by its own timeout, or by a stop, after which nothing is reported (below).
      const hung = controller.signal.aborted
      outcome = hung ? { kind: 'network', message: 'no answer in time: abandoned', hung } : { kind: 'network', message: describeError(error) }
    }
    if (this.inFlight !== controller) return // stopped meanwhile: nothing is reported afterwards
    this.inFlight = null
    this.requestTimer.cancel()
    if (outcome === 'ok') {
      this.errorBackoff.reset()
      this.failuresInARow = 0
      // Schedule before reporting, so the owner's snapshot shows the next poll time. An answer later
      // than the next poll was due is followed by that poll as soon as the minimum gap allows.
      this.scheduleNext(Math.max(MIN_REQUEST_GAP_MS, slot.dueAt + this.options.intervalMs - clock.monotonic()))
      this.sink.pollSucceeded()
    } else if (outcome === 'not-found') {
      this.errorBackoff.reset()
      this.failuresInARow = 0
      this.sink.notFound()
    } else {
      this.fail(outcome)
    }
  }

  private fail(failure: PollFailure): void {
    this.diagnostics.count('pollErrors')
    this.failuresInARow += 1
    let delay: number
    if (failure.kind === 'network' && failure.hung === true && this.failuresInARow === 1) {
      // One hung request says little (a mobile link that dropped it): a fresh one at once.
      delay = 0
    } else if (failure.kind === 'http' && failure.retryAfterMs !== null) {
      // The server said when: that is the delay, not a floor under our own backoff. It counts from
      // when the answer arrived (RFC 9110: a delay after receiving the response).
      const now = this.options.clock.monotonic()
      this.notBefore = Math.min(failure.receivedAt, now) + Math.max(MIN_REQUEST_GAP_MS, retryAfterDelay(failure.retryAfterMs, this.random))
      delay = Math.max(0, this.notBefore - now)
    } else {
      delay = Math.max(MIN_REQUEST_GAP_MS, this.errorBackoff.next())
    }
    this.diagnostics.log('poll', 'warn', `Poll failed: ${failure.message}; next poll in ${Math.round(delay / 100) / 10} s`)
    this.scheduleNext(delay)
    this.sink.pollFailed(failure)
  }

  private async fetchStatus(url: string, signal: AbortSignal, startedAt: number, slot: { dueAt: number }): Promise<Outcome> {
    const response = await this.options.fetch(url, { headers: { Accept: 'application/json' }, signal })
    const receivedAt = response.receivedAt ?? this.options.clock.monotonic()
    // A request handed over (started before the app loaded) was sent earlier than we asked for it:
    // the schedule counts from then, so the first screen's answer is not followed by a longer gap.
    // (Any other request is sent when it is due or later.)
    slot.dueAt = Math.min(slot.dueAt, response.sentAt ?? slot.dueAt)
    const text = await response.text()
    if (signal.aborted) throw new Error('aborted')
    const now = this.options.clock.now()
    const date = response.headers.get('Date')
    const serverTime = date ? Date.parse(date) : NaN
    // `Date` has whole seconds: add half a second so the offset is unbiased.
    if (Number.isFinite(serverTime)) this.sink.serverTime(serverTime + 500)
    if (isChannelNotFound(response.status, text)) {
      this.diagnostics.log('poll', 'warn', `Poll: 404 "${SERVER_ERRORS.channelNotFound}"`)
      return 'not-found'
    }
    if (response.status !== 200) {
      const body = parseApiError(text)
      const detail = body ? `"${body.error.slice(0, 200)}"` : describeBody(text, response.headers.get('Content-Type'))
      return {
        kind: 'http',
        status: response.status,
        message: `HTTP ${response.status} ${response.statusText}`.trim() + `, ${detail}`,
        retryAfterMs: parseRetryAfter(response.headers.get('Retry-After'), this.options.serverNow?.() ?? now),
        receivedAt,
      }
    }
    const parsed = parsePollBody(text)
    if (!parsed.ok) {
      this.diagnostics.count('invalidFrames')
      this.diagnostics.log('invalid', 'warn', `Dropped a poll answer: ${parsed.reason}`)
      return { kind: 'invalid', message: parsed.reason }
    }
    for (const warning of parsed.warnings ?? []) this.diagnostics.log('invalid', 'warn', `Poll answer kept without a field: ${warning}`)
    if (parsed.value.channel.channelId !== this.options.channelId) {
      return { kind: 'invalid', message: 'poll answer is for another channel' }
    }
    this.sink.status(statusFromPoll(parsed.value.channel, Number.isFinite(serverTime) ? serverTime : null), {
      requestStartedAt: startedAt,
      socketAttemptId: null,
      receivedAtWall: this.options.clock.now(),
    })
    return 'ok'
  }
}

/** `TypeError: Failed to fetch`: an `Error` writes itself as its name and message. */
function describeError(error: unknown): string {
  return String(error).slice(0, 200)
}

/** Says what kind of body an error answer had, without quoting HTML. */
function describeBody(text: string, contentType: string | null): string {
  if (text.trim() === '') return 'empty body'
  if (contentType?.includes('html') || text.trimStart().startsWith('<')) {
    return 'HTML body (likely an error page from a proxy or load balancer)'
  }
  return `non-JSON body of ${text.length} characters`
}
