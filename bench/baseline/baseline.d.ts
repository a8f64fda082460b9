/** Types of baseline.js (a plain script so the page needs no build step). */

/** The part of a WebSocket the baseline uses: the browser's and `ws` both fit. */
export interface BaselineSocket {
  onopen: ((event: unknown) => void) | null
  onmessage: ((event: { data: unknown }) => void) | null
  onerror: ((event: unknown) => void) | null
  onclose: ((event: { code: number }) => void) | null
  send(data: string): void
  close(code?: number): void
}

export type TimerId = unknown

export interface BaselineTimers {
  setTimeout(callback: () => void, ms: number): TimerId
  clearTimeout(id: TimerId): void
  setInterval(callback: () => void, ms: number): TimerId
  clearInterval(id: TimerId): void
}

/** What the DOM hooks show (docs/operations.md, DOM test hooks). */
export interface BaselineView {
  status: string
  progress: number
  state: 'idle' | 'connecting' | 'open' | 'polling'
  transport: 'websocket' | 'polling' | 'none'
  lastCloseCode: string
  wsAttempts: number
}

export type BaselineEvent = 'status' | 'poll' | 'connect' | 'open' | 'close'

export interface BaselineOptions {
  wsUrl: string
  /** REST origin; `/api/onboarding/...` is appended. */
  apiUrl: string
  channelId: string
  createSocket(url: string): BaselineSocket
  fetch(url: string, init: { headers: Record<string, string> }): Promise<{ text(): Promise<string> }>
  timers: BaselineTimers
  onChange?(view: BaselineView): void
  onEvent?(type: BaselineEvent, detail: { code?: number | string; source?: 'websocket' | 'poll'; attempt?: number }): void
}

export interface BaselineClient {
  start(): void
  stop(): void
  view(): BaselineView
}

export declare const BASELINE_POLICY: {
  readonly pollIntervalMs: number
  readonly startPollingWindowMs: number
  readonly connectTimeoutMs: number
  readonly subscribeDelayMs: number
  readonly pingIntervalMs: number
  readonly fallbackCodes: readonly number[]
  readonly reconnectDelaysMs: readonly number[]
}

export declare function createBaselineClient(options: BaselineOptions): BaselineClient
