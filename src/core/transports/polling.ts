/**
 * HTTP status polling: the truth when the socket is down. Runs as a steady loop (`start`) or
 * answers one-off refreshes (`refresh`) while the socket is up. Network errors and 5xx back off
 * with jitter; a `Retry-After` holds back every next request, whatever asks for it.
 */
import { Backoff } from '../backoff'
import { SingleTimer, type Clock } from '../clock'
import { API_PATHS } from '../protocol/messages'
import { parseApiError, parsePollBody } from '../protocol/parse'
import { statusFromPoll } from '../protocol/status'
import { MAX_RETRY_AFTER_MS, parseRetryAfter } from './retryAfter'
import type { FetchLike, Transport, TransportSink } from './transport'

export interface PollingTransportOptions {
  apiUrl: string
  channelId: string
  fetch: FetchLike
  clock: Clock
  /** Steady period between polls. */
  intervalMs: number
  /** Upper bound of the error backoff. @default 60000 */
  maxBackoffMs?: number
  /** A request that has not answered by then is aborted and counted as a network error. @default 10000 */
  requestTimeoutMs?: number
  random?: () => number
}

export type PollFailure =
  | { kind: 'network'; message: string }
  | { kind: 'http'; status: number; message: string; retryAfterMs: number | null }
  | { kind: 'invalid'; message: string }

export interface PollingSink extends TransportSink {
  pollSucceeded(): void
  pollFailed(failure: PollFailure): void
}

export class PollingTransport implements Transport {
  readonly name = 'polling'
  private running = false
  private inFlight: AbortController | null = null
  private readonly timer: SingleTimer
  private readonly requestTimer: SingleTimer
  private readonly errorBackoff: Backoff
  /** No request before this browser time (Retry-After). */
  private notBefore = 0
  private stopped = false

  constructor(
    private readonly options: PollingTransportOptions,
    private readonly sink: PollingSink,
  ) {
    this.timer = new SingleTimer(options.clock)
    this.requestTimer = new SingleTimer(options.clock)
    this.errorBackoff = new Backoff({
      baseMs: options.intervalMs,
      maxMs: options.maxBackoffMs ?? 60000,
      floorMs: Math.min(1000, options.intervalMs),
      random: options.random,
    })
  }

  get isRunning(): boolean {
    return this.running
  }

  /** Browser time of the next request, or null when none is scheduled. */
  get nextAt(): number | null {
    return this.timer.due
  }

  /**
   * Starts the steady loop with a request now (or as soon as a Retry-After allows), or after
   * `firstDelayMs` when many clients may be starting at the same moment.
   */
  start(firstDelayMs = 0): void {
    if (this.stopped) return
    this.running = true
    if (firstDelayMs > 0 && !this.inFlight) {
      this.timer.schedule(Math.max(firstDelayMs, this.notBefore - this.options.clock.now()), () => this.request())
      return
    }
    this.refresh()
  }

  /** Stops the loop; an answer already on its way is still delivered. */
  pause(): void {
    this.running = false
    this.timer.cancel()
  }

  /** Ends everything: the loop, the request in flight, its timeout. Final. */
  stop(): void {
    this.stopped = true
    this.running = false
    this.timer.cancel()
    this.requestTimer.cancel()
    this.inFlight?.abort()
    this.inFlight = null
  }

  /** One request now, unless one is already on its way or a Retry-After holds it back. */
  refresh(): void {
    if (this.stopped || this.inFlight) return
    const wait = this.notBefore - this.options.clock.now()
    if (wait > 0) {
      this.timer.schedule(wait, () => this.request())
      return
    }
    this.timer.cancel()
    this.request()
  }

  /** Forgets backoff and Retry-After (manual retry). */
  resetBackoff(): void {
    this.errorBackoff.reset()
    this.notBefore = 0
  }

  /** Runs one request now, ignoring the loop; used for the once-a-minute not-found check. */
  scheduleOnce(ms: number): void {
    if (this.stopped) return
    this.timer.schedule(Math.max(ms, this.notBefore - this.options.clock.now()), () => this.request())
  }

  private scheduleNext(ms: number): void {
    if (this.running && !this.stopped) this.timer.schedule(ms, () => this.request())
  }

  private async request(): Promise<void> {
    if (this.stopped || this.inFlight) return
    const { clock, apiUrl, channelId } = this.options
    const controller = new AbortController()
    this.inFlight = controller
    const startedAt = clock.now()
    const url = apiUrl + API_PATHS.status(channelId)
    this.sink.count('polls')
    this.requestTimer.schedule(this.options.requestTimeoutMs ?? 10000, () => controller.abort())
    let outcome: 'ok' | 'not-found' | PollFailure
    try {
      outcome = await this.fetchStatus(url, controller.signal, startedAt)
    } catch (error) {
      outcome = { kind: 'network', message: controller.signal.aborted ? 'request timed out or was cancelled' : describeError(error) }
    }
    if (this.inFlight !== controller) return // stopped meanwhile: nothing is reported afterwards
    this.inFlight = null
    this.requestTimer.cancel()
    if (outcome === 'ok') {
      this.errorBackoff.reset()
      // Schedule before reporting, so the owner's snapshot shows the next poll time.
      this.scheduleNext(this.options.intervalMs)
      this.sink.pollSucceeded()
    } else if (outcome === 'not-found') {
      this.errorBackoff.reset()
      this.sink.notFound()
    } else {
      this.fail(outcome)
    }
  }

  private fail(failure: PollFailure): void {
    this.sink.count('pollErrors')
    const retryAfter = failure.kind === 'http' ? failure.retryAfterMs : null
    const delay = Math.max(this.errorBackoff.next(), retryAfter ?? 0)
    if (retryAfter !== null) this.notBefore = this.options.clock.now() + Math.min(retryAfter, MAX_RETRY_AFTER_MS)
    this.sink.log('poll', 'warn', `Poll failed: ${failure.message}; next poll in ${Math.round(delay / 100) / 10} s`)
    this.scheduleNext(delay)
    this.sink.pollFailed(failure)
  }

  private async fetchStatus(url: string, signal: AbortSignal, startedAt: number): Promise<'ok' | 'not-found' | PollFailure> {
    const response = await this.options.fetch(url, { headers: { Accept: 'application/json' }, signal })
    const text = await response.text()
    if (signal.aborted) throw new Error('aborted')
    const now = this.options.clock.now()
    const date = response.headers.get('Date')
    const serverTime = date ? Date.parse(date) : NaN
    // `Date` has whole seconds: add half a second so the offset is unbiased.
    if (Number.isFinite(serverTime)) this.sink.serverTime(serverTime + 500)
    if (response.status === 404) {
      const body = parseApiError(text)
      this.sink.log('poll', 'warn', `Poll: 404 ${body ? `"${body.error.slice(0, 200)}"` : '(no JSON body)'}`)
      return 'not-found'
    }
    if (response.status !== 200) {
      const body = parseApiError(text)
      const detail = body ? `"${body.error.slice(0, 200)}"` : describeBody(text, response.headers.get('Content-Type'))
      return {
        kind: 'http',
        status: response.status,
        message: `HTTP ${response.status} ${response.statusText}`.trim() + `, ${detail}`,
        retryAfterMs: parseRetryAfter(response.headers.get('Retry-After'), now),
      }
    }
    const parsed = parsePollBody(text)
    if (!parsed.ok) {
      this.sink.count('invalidFrames')
      this.sink.log('invalid', 'warn', `Dropped a poll answer: ${parsed.reason}`)
      return { kind: 'invalid', message: parsed.reason }
    }
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

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 200)
  return String(error).slice(0, 200)
}

/** Says what kind of body an error answer had, without quoting HTML. */
function describeBody(text: string, contentType: string | null): string {
  if (text.trim() === '') return 'empty body'
  if ((contentType ?? '').includes('html') || text.trimStart().startsWith('<')) {
    return 'HTML body (likely an error page from a proxy or load balancer)'
  }
  return `non-JSON body of ${text.length} characters`
}
