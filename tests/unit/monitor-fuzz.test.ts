import { describe, expect, it } from 'vitest'
import { CHANNEL_ID, pollBody, statusFrame } from '../support/channel'
import { createTestMonitor } from '../support/monitor'

const STATUSES = ['waiting_payment', 'payment_detected', 'confirming', 'creating_account', 'completed', 'failed', 'expired']
const STORED = ['pending', 'confirming', 'confirmed', 'completed', 'failed']
const TERMINAL = ['completed', 'failed', 'expired']
const RANK: Record<string, number> = { unknown: -1, waiting_payment: 0, payment_detected: 1, confirming: 2, creating_account: 3, completed: 4, failed: 4, expired: 4 }

function seeded(seed: number) {
  let x = seed
  return () => (x = (x * 48271) % 2147483647) / 2147483647
}

describe('the monitor under random events', () => {
  it.each(Array.from({ length: 150 }, (_, i) => i + 1))('run %i: no illegal transition; never polls steadily while open, never moves back, terminal is final', async (seed) => {
    const random = seeded(seed)
    const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
    const { monitor, clock, sockets, http } = createTestMonitor({ random })
    // Every published snapshot is consistent, and the payment only ever moves forward.
    const broken: string[] = []
    let shown: { code: string; confirmations: number | null } | null = null
    monitor.subscribe((s) => {
      const terminal = s.status !== null && TERMINAL.includes(s.status.code)
      if (terminal && s.state !== 'idle') broken.push(`${s.status!.code} while ${s.state}`)
      if (s.notFound && s.state !== 'failed') broken.push(`not found while ${s.state}`)
      if (s.state === 'open' && s.nextPollAt !== null) broken.push('steady polling while open')
      if (s.statusStale && s.state !== 'open') broken.push(`stale while ${s.state}`)
      const status = s.status
      if (shown && s.channelId === CHANNEL_ID && status) {
        if (TERMINAL.includes(shown.code) && status.code !== shown.code) broken.push(`${shown.code} was final, then ${status.code}`)
        if (status.code === 'unknown' && shown.code !== 'unknown') broken.push(`unknown over ${shown.code}`)
        if (RANK[status.code]! < RANK[shown.code]!) broken.push(`${shown.code} → ${status.code}`)
        if (status.code === 'confirming' && shown.code === 'confirming' && (status.confirmations ?? 0) < (shown.confirmations ?? 0)) broken.push('confirmations went down')
      }
      if (status) shown = { code: status.code, confirmations: status.confirmations }
      else shown = null
    })
    monitor.start(CHANNEL_ID)
    for (let step = 0; step < 120; step++) {
      const socket = sockets.sockets.at(-1)
      const roll = random()
      if (roll < 0.12) socket?.serverOpen()
      else if (roll < 0.22) socket?.welcome()
      else if (roll < 0.32) socket?.serverSend(statusFrame(pick(STATUSES.slice(0, 4)), { timestamp: new Date(clock.now()).toISOString() }))
      else if (roll < 0.34) socket?.serverSend(statusFrame(pick(STATUSES)))
      else if (roll < 0.42) socket?.serverClose(pick([1006, 1000, 1001, 1011, 1012]))
      else if (roll < 0.45) socket?.serverSend(pick(['{bad', '[]', '{"type":"other"}', '{"type":"pong"}', JSON.stringify({ type: 'error', message: pick(['Payment channel not found', 'Failed to get channel status']) }), JSON.stringify(statusFrame('unknown_code'))]))
      else if (roll < 0.6) {
        const request = http.pending[0]
        if (request) {
          const kind = random()
          if (kind < 0.6) await request.respond({ status: 200, body: pollBody(pick(STORED.slice(0, 3))) })
          else if (kind < 0.65) await request.respond({ status: 200, body: pollBody(pick(STORED)) })
          else if (kind < 0.72) await request.respond({ status: 404, body: { success: false, error: 'Payment channel not found' } })
          else if (kind < 0.85) await request.respond({ status: 503, body: '<html>down</html>', headers: { 'Retry-After': '3' } })
          else await request.fail()
        }
      } else if (roll < 0.64) monitor.setOnline(random() < 0.5)
      else if (roll < 0.67) monitor.setVisible(random() < 0.5)
      else if (roll < 0.7) monitor.retry()
      else if (roll < 0.71) monitor.stop()
      else if (roll < 0.72) monitor.start(CHANNEL_ID)
      else clock.advance(Math.floor(random() * 8000))

      const snapshot = monitor.getSnapshot()
      expect(sockets.openCount).toBeLessThanOrEqual(1) // never two live sockets
      if (snapshot.state === 'idle') {
        expect(snapshot.transport).toBe('none')
        expect(sockets.openCount).toBe(0)
      }
      if (snapshot.notFound) expect(snapshot.state).toBe('failed')
    }
    monitor.stop()
    expect(broken).toEqual([])
    expect(clock.pendingTimers).toBe(0)
    expect(sockets.openCount).toBe(0)
  })
})
