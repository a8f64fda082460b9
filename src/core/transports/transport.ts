/**
 * The small interface both transports implement, and what they report back. A transport turns
 * the wire into validated `PaymentStatus` values; deciding what to do with them is the machine's.
 */
import type { DiagnosticKind, DiagnosticLevel } from '../diagnostics/events'
import type { MonitorCounters } from '../machine/snapshot'
import type { IncomingMeta } from '../protocol/merge'
import type { PaymentStatus } from '../protocol/status'

export type TransportName = 'websocket' | 'polling'

export interface Transport {
  readonly name: TransportName
  /** Begins delivering status. */
  start(): void
  /** Releases every timer, request and socket; nothing is reported afterwards. */
  stop(): void
  /** Something may have been missed (tab visible again, back online): check now. */
  refresh(): void
}

/** What every transport reports to its owner. */
export interface TransportSink {
  status(status: PaymentStatus, meta: IncomingMeta): void
  /** The server says the channel does not exist. */
  notFound(): void
  /** The server's clock, read from a frame timestamp or a `Date` header (epoch ms). */
  serverTime(ms: number): void
  log(kind: DiagnosticKind, level: DiagnosticLevel, message: string): void
  count(counter: keyof MonitorCounters): void
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
}>

export const WS_OPEN = 1
