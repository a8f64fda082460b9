/** A PaymentMonitor wired to fakes, with the settings the policy tests reason about. */
import { resolveConfig, type MonitorConfig } from '../../src/core/config'
import { PaymentMonitor } from '../../src/core/machine/monitor'
import type { StorageLike } from '../../src/core/machine/socketMemory'
import { FakeClock } from './clock'
import { pollBody, statusFrame } from './channel'
import { FakeFetch, type FakeAnswer } from './fetch'
import { SocketFactory, type FakeWebSocket } from './websocket'

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

/** The production defaults (5 s polls, 5 s connect timeout, liveness 15 s / 5 s, 2–60 s backoff): the policy tests reason about them. */
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

/** The server side of a healthy socket: open, welcome, and the subscribe answer. */
export function bringUp(socket: FakeWebSocket, status = 'waiting_payment'): void {
  socket.serverOpen()
  socket.welcome()
  socket.serverSend(statusFrame(status))
}

/** Answers every request still waiting with `answer`. */
export async function answerAll(http: FakeFetch, answer: FakeAnswer = { status: 200, body: pollBody('pending') }): Promise<void> {
  for (const request of http.pending) await request.respond(answer)
}

export const NOT_FOUND_ANSWER: FakeAnswer = { status: 404, body: { success: false, error: 'Payment channel not found' } }

/** Moves time on in steps, answering every poll as it is asked (a healthy API). */
export async function advanceAnswering(clock: FakeClock, http: FakeFetch, ms: number, answer?: FakeAnswer): Promise<void> {
  for (let left = ms; left > 0; left -= 500) {
    clock.advance(Math.min(500, left))
    await answerAll(http, answer)
  }
}
