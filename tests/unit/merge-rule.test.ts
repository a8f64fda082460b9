import { describe, expect, it } from 'vitest'
import { mergeStatus, type CurrentStatus } from '../../src/core/protocol/merge'
import type { PaymentStatus, StatusCode, StatusSource } from '../../src/core/protocol/status'

function status(code: StatusCode, source: StatusSource, extra: Partial<PaymentStatus> = {}): PaymentStatus {
  return {
    code,
    message: code,
    details: '',
    progress: 0,
    confirmations: null,
    confirmationsRequired: 2,
    amount: '0.1',
    currency: 'BTC',
    amountUsd: null,
    address: 'bc1qaddr',
    memo: null,
    txHash: null,
    expiresAt: null,
    username: 'alice',
    serverTime: null,
    source,
    ...extra,
  }
}

const at = (s: PaymentStatus, appliedAt: number): CurrentStatus => ({ status: s, appliedAt, socketAttemptId: null })
const socket = { requestStartedAt: null, socketAttemptId: 1, receivedAtWall: 0 }
const poll = (requestStartedAt: number) => ({ requestStartedAt, socketAttemptId: null, receivedAtWall: 0 })

describe('merge rule', () => {
  it('applies the first status whatever it is', () => {
    expect(mergeStatus(null, status('unknown', 'poll'), poll(0)).apply).toBe(true)
  })

  it('keeps a terminal status final', () => {
    for (const terminal of ['completed', 'failed', 'expired'] as const) {
      const decision = mergeStatus(at(status(terminal, 'websocket'), 10), status('confirming', 'websocket'), socket)
      expect(decision).toEqual({ apply: false, reason: `status ${terminal} is final` })
    }
  })

  it('never lets unknown replace a known status', () => {
    expect(mergeStatus(at(status('confirming', 'poll'), 10), status('unknown', 'websocket'), socket).apply).toBe(false)
  })

  it('discards a poll answer requested before the last applied update', () => {
    const current = at(status('payment_detected', 'websocket'), 1000)
    expect(mergeStatus(current, status('payment_detected', 'poll'), poll(999)).apply).toBe(false)
    expect(mergeStatus(current, status('confirming', 'poll'), poll(1000)).apply).toBe(true)
  })

  it('discards a frame older than the one shown (by server time)', () => {
    const current = at(status('confirming', 'websocket', { serverTime: 2000, confirmations: 1 }), 10)
    expect(mergeStatus(current, status('confirming', 'websocket', { serverTime: 1999, confirmations: 1 }), socket).apply).toBe(false)
  })

  it('never moves backwards in the payment’s progress or confirmations', () => {
    expect(mergeStatus(at(status('creating_account', 'poll'), 1), status('confirming', 'websocket'), socket).apply).toBe(false)
    const confirming = at(status('confirming', 'websocket', { confirmations: 2 }), 1)
    expect(mergeStatus(confirming, status('confirming', 'poll', { confirmations: 1 }), poll(5)).apply).toBe(false)
  })

  it('keeps the card filled when an update leaves fields out', () => {
    const decision = mergeStatus(
      at(status('waiting_payment', 'websocket', { address: 'bc1qkeep', amount: '0.5' }), 1),
      status('payment_detected', 'poll', { address: null, amount: null, txHash: 'ab'.repeat(32) }),
      poll(2),
    )
    expect(decision.apply && decision.status).toMatchObject({ code: 'payment_detected', address: 'bc1qkeep', amount: '0.5' })
  })

  describe('randomized interleavings of socket updates and late poll answers', () => {
    const TIMELINE: Array<[StatusCode, number | null]> = [
      ['waiting_payment', null],
      ['payment_detected', null],
      ['confirming', 0],
      ['confirming', 1],
      ['confirming', 2],
      ['creating_account', null],
      ['completed', null],
    ]
    const rank = (s: PaymentStatus) => TIMELINE.findIndex(([c, n]) => c === s.code && (n === null || n === s.confirmations))

    function seeded(seed: number) {
      let x = seed
      return () => ((x = (x * 48271) % 2147483647) / 2147483647)
    }

    it.each(Array.from({ length: 200 }, (_, i) => i + 1))('run %i: shown status never goes back and ends current', (seed) => {
      const random = seeded(seed)
      // Server truth: the timeline index at each ms.
      const changes: number[] = [] // time at which index i+1 begins
      let t = 0
      for (let i = 1; i < TIMELINE.length; i++) changes.push((t += 50 + Math.floor(random() * 500)))
      const truthAt = (time: number) => changes.filter((c) => c <= time).length
      const endTime = t + 500
      const make = (index: number, source: StatusSource, serverTime: number | null) => {
        const [code, confirmations] = TIMELINE[index]!
        return status(code, source, { confirmations, serverTime })
      }

      // Deliveries: socket frames in order (with random gaps and a reconnect that replays), polls arrive late.
      type Delivery = { arriveAt: number; status: PaymentStatus; requestStartedAt: number | null }
      const deliveries: Delivery[] = []
      for (let time = 0; time < endTime; time += 20 + Math.floor(random() * 200)) {
        if (random() < 0.6) deliveries.push({ arriveAt: time + 5, status: make(truthAt(time), 'websocket', time), requestStartedAt: null })
        if (random() < 0.5) {
          const servedAt = time + Math.floor(random() * 100)
          const arriveAt = servedAt + Math.floor(random() * 1500) // late, sometimes very late
          deliveries.push({ arriveAt, status: make(truthAt(servedAt), 'poll', null), requestStartedAt: time })
        }
      }
      deliveries.push({ arriveAt: endTime + 2000, status: make(TIMELINE.length - 1, 'websocket', endTime), requestStartedAt: null })
      deliveries.sort((a, b) => a.arriveAt - b.arriveAt)

      let current: CurrentStatus | null = null
      const shown: number[] = []
      for (const delivery of deliveries) {
        const decision = mergeStatus(current, delivery.status, delivery.requestStartedAt === null ? socket : poll(delivery.requestStartedAt))
        if (!decision.apply) continue
        current = { status: decision.status, appliedAt: delivery.arriveAt, socketAttemptId: null }
        shown.push(rank(decision.status))
      }
      for (let i = 1; i < shown.length; i++) expect(shown[i]).toBeGreaterThanOrEqual(shown[i - 1]!)
      expect(shown.every((r) => r >= 0)).toBe(true)
      expect(current?.status.code).toBe('completed')
    })
  })
})
