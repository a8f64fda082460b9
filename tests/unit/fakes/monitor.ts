/** A PaymentMonitor wired to fakes, with the settings the policy tests reason about. */
import { resolveConfig, type MonitorConfig } from '../../../src/core/config'
import { PaymentMonitor } from '../../../src/core/machine/monitor'
import type { StorageLike } from '../../../src/core/machine/socketMemory'
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

export const TEST_CONFIG: MonitorConfig = {
  ...resolveConfig({ VITE_PAYMENT_WS_URL: 'wss://test.example/ws/payment-monitor', VITE_PAYMENT_API_URL: 'https://test.example' }),
  pollIntervalMs: 5000,
  connectTimeoutMs: 5000,
  heartbeatIntervalMs: 25000,
  heartbeatTimeoutMs: 10000,
  reconnectBaseMs: 2000,
  reconnectMaxMs: 60000,
  stableAfterMs: 5000,
  notFoundRecheckMs: 60000,
}

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
