/** Builders for the snapshots and statuses the components are tested with. */
import type { MonitorSnapshot } from '../../src/core/machine/snapshot'
import type { SocketAttempt } from '../../src/core/transports/socketAttempt'
import type { PaymentStatus } from '../../src/core/protocol/status'

export const NOW = Date.UTC(2026, 10, 25, 12, 0, 0)
export const BTC_ADDRESS = 'bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh'
export const TX = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90'
export const HOSTILE = '<img src=x onerror="window.__pwned=1">'

export function makeStatus(overrides: Partial<PaymentStatus> = {}): PaymentStatus {
  return {
    code: 'waiting_payment',
    message: 'Waiting for payment',
    details: '',
    progress: 20,
    confirmations: 0,
    confirmationsRequired: 2,
    amount: '0.00123456',
    currency: 'BTC',
    amountUsd: 80.5,
    address: BTC_ADDRESS,
    memo: null,
    txHash: null,
    expiresAt: NOW + 30 * 60_000,
    username: 'alice',
    serverTime: NOW,
    serverTimeRange: null,
    source: 'websocket',
    ...overrides,
  }
}

export function makeAttempt(overrides: Partial<SocketAttempt> = {}): SocketAttempt {
  return {
    id: 1,
    url: 'wss://data.dlux.io/ws/payment-monitor',
    startedAt: NOW - 10_000,
    openMs: 40,
    welcomeMs: 190,
    lifetimeMs: 233,
    quietMs: 43,
    closeCode: 1006,
    closeReason: '',
    wasClean: false,
    closedBy: 'network',
    clientReason: null,
    failed: true,
    ...overrides,
  }
}

export function makeSnapshot(overrides: Partial<MonitorSnapshot> = {}): MonitorSnapshot {
  return {
    channelId: '0123456789abcdef0123456789abcdef',
    state: 'open',
    transport: 'websocket',
    status: makeStatus(),
    lastUpdateAt: NOW - 2_000,
    serverClockOffsetMs: 0,
    notFound: false,
    failureReason: null,
    statusStale: false,
    online: true,
    visible: true,
    nextSocketAttemptAt: null,
    nextPollAt: null,
    pollIntervalMs: 5000,
    heartbeatIntervalMs: 25000,
    heartbeatTimeoutMs: 10000,
    pollFailures: [],
    rttMs: 42,
    wsAttempts: 1,
    lastCloseCode: null,
    attempts: [],
    counters: { framesIn: 3, framesOut: 2, invalidFrames: 0, polls: 0, pollErrors: 0, errors: 0 },
    events: [],
    endpoints: { wsUrl: 'wss://data.dlux.io/ws/payment-monitor', apiUrl: 'https://data.dlux.io' },
    ...overrides,
  }
}

/**
 * Stubs both ways VueUse's useClipboard may copy (the async Clipboard API, or execCommand on a
 * hidden textarea) and collects what was copied.
 */
export function stubClipboard(): string[] {
  const copied: string[] = []
  const clipboard = {
    write: async (items: ClipboardItem[]) => {
      const blob = await items[0]!.getType('text/plain')
      copied.push(await blob.text())
    },
    writeText: async (text: string) => {
      copied.push(text)
    },
  }
  Object.defineProperty(navigator, 'clipboard', { value: clipboard, configurable: true })
  Object.defineProperty(document, 'execCommand', {
    configurable: true,
    value: (command: string) => {
      // The legacy path copies from a textarea it appends to the body for the moment.
      const areas = document.body.querySelectorAll('textarea')
      const area = areas[areas.length - 1]
      if (command === 'copy' && area) copied.push(area.value)
      return true
    },
  })
  return copied
}
