/** What the payment monitor runs on: its settings, and the socket, fetch, clock, randomness and storage it is given. */
import type { Clock } from '../clock'
import type { MonitorConfig } from '../config'
import type { CreateWebSocket, FetchLike } from '../transports/transport'
import type { StorageLike } from './socketMemory'

/** Injected, so tests run the monitor on fakes and never sleep. */
export interface MonitorDependencies {
  config: MonitorConfig
  createSocket: CreateWebSocket
  fetch: FetchLike
  /** @default the system clock */
  clock?: Clock
  /** @default Math.random */
  random?: () => number
  /** Tab-scoped memory of socket failures (sessionStorage). @default none */
  storage?: StorageLike | null
}
