/** A PaymentMonitor wired to fakes, with the settings the policy tests reason about. */
import { resolveConfig, type MonitorConfig } from '../../src/core/config'
import { PaymentMonitor } from '../../src/core/machine/monitor'
import type { StorageLike } from '../../src/core/machine/socketMemory'
import { FakeClock } from './clock'
import { FakeFetch } from './fetch'
import { SocketFactory } from './websocket'

export class MemoryStorage implements StorageLike {
  readonly items = new Map<string, string>()
  getItem(key: string) {
    return this.items.get(key) ?? null
  }
  setItem(key: string, value: string) {
    this.items.set(key, value)
  }
  removeItem(key: string) {
    this.items.delete(key)
  }
}

/** The production defaults (5 s polls, 5 s connect timeout, 25 s / 10 s heartbeat, 2–60 s backoff): the policy tests reason about them. */
export const TEST_CONFIG: MonitorConfig = resolveConfig({
  VITE_PAYMENT_WS_URL: 'wss://test.example/ws/payment-monitor',
  VITE_PAYMENT_API_URL: 'https://test.example',
})

export function createTestMonitor(options: { storage?: MemoryStorage; random?: () => number; config?: Partial<MonitorConfig> } = {}) {
  const clock = new FakeClock()
  const sockets = new SocketFactory()
  const http = new FakeFetch()
  const storage = options.storage ?? new MemoryStorage()
  const monitor = new PaymentMonitor({
    config: { ...TEST_CONFIG, ...options.config },
    createSocket: sockets.create,
    fetch: http.fetch,
    clock,
    random: options.random ?? (() => 0.5),
    storage,
  })
  return { monitor, clock, sockets, http, storage }
}
