/**
 * What both transports share: the browser objects they are given (injected, so tests pass fakes)
 * and what they report upward. A transport turns the wire into validated `PaymentStatus` values;
 * deciding what to do with them is the machine's. Diagnostics go straight to a `DiagnosticsSink`.
 */
import type { IncomingMeta } from '../protocol/merge'
import type { PaymentStatus } from '../protocol/status'

/** What every transport reports to its owner. */
export interface StatusSink {
  status(status: PaymentStatus, meta: IncomingMeta): void
  /** The server's clock, read from a frame timestamp or a `Date` header (epoch ms). */
  serverTime(ms: number): void
}

/** The part of the browser `WebSocket` the transport uses; tests pass a fake. */
export interface WebSocketLike {
  readonly readyState: number
  onopen: ((event: unknown) => void) | null
  onmessage: ((event: { data: unknown }) => void) | null
  onerror: ((event: unknown) => void) | null
  onclose: ((event: { code: number; reason: string; wasClean: boolean }) => void) | null
  send(data: string): void
  close(code?: number, reason?: string): void
}

export type CreateWebSocket = (url: string) => WebSocketLike

/** The part of `fetch` the transports use. */
export type FetchLike = (
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<{
  status: number
  statusText: string
  headers: { get(name: string): string | null }
  text(): Promise<string>
  /**
   * When the response arrived (monotonic ms, `performance.now()`), for a response handed over
   * after it arrived, as a request started before the app loaded is: a `Retry-After` counts from
   * then. Without it, from when the promise settles.
   */
  receivedAt?: number
  /** When a handed-over request was sent (monotonic ms): the poll schedule counts from then. */
  sentAt?: number
}>

export const WS_OPEN = 1
