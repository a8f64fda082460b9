import { describe, expect, it } from 'vitest'
import {
  MAX_SERVER_CLOCK_SKEW_MS,
  isPlausibleServerTime,
  mergeStatus,
  type CurrentStatus,
  type IncomingMeta,
} from '../../src/core/protocol/merge'
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
    serverTimeRange: null,
    source,
    ...extra,
  }
}

const at = (s: PaymentStatus, appliedAt: number): CurrentStatus => ({ status: s, appliedAt, socketAttemptId: null })
const socket = { requestStartedAt: null, socketAttemptId: 1, receivedAtWall: 0 }
const poll = (requestStartedAt: number) => ({ requestStartedAt, socketAttemptId: null, receivedAtWall: 0 })

/** The browser's wall clock in the server-time cases. */
const NOW = Date.parse('2026-11-30T06:00:00Z')
const MINUTE = 60_000
const onSocket = (s: PaymentStatus, socketAttemptId: number): CurrentStatus => ({ status: s, appliedAt: 10, socketAttemptId })
const frameOn = (socketAttemptId: number, receivedAtWall = NOW): IncomingMeta => ({
  requestStartedAt: null,
  socketAttemptId,
  receivedAtWall,
})

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

  it('never lets unknown replace a known status, but lets anything replace unknown', () => {
    expect(mergeStatus(at(status('confirming', 'poll'), 10), status('unknown', 'websocket'), socket)).toEqual({
      apply: false,
      reason: 'an unknown status never replaces a known one',
    })
    const unknown = at(status('unknown', 'poll', { message: 'first' }), 10)
    const again = mergeStatus(unknown, status('unknown', 'websocket', { message: 'second' }), socket)
    expect(again.apply && again.status.message).toBe('second')
    expect(mergeStatus(unknown, status('waiting_payment', 'websocket'), socket).apply).toBe(true)
  })

  it('says why it refuses, in words a developer can act on', () => {
    const late = mergeStatus(at(status('payment_detected', 'websocket'), 1000), status('payment_detected', 'poll'), poll(999))
    expect(late).toEqual({ apply: false, reason: 'poll answer requested before the last applied update' })
    const back = mergeStatus(at(status('creating_account', 'poll'), 1), status('confirming', 'websocket'), socket)
    expect(back).toEqual({ apply: false, reason: 'confirming would move the payment back from creating_account' })
    const fewer = mergeStatus(at(status('confirming', 'websocket', { confirmations: 2 }), 1), status('confirming', 'poll', { confirmations: 1 }), poll(5))
    expect(fewer).toEqual({ apply: false, reason: 'fewer confirmations than already shown' })
  })

  it('keeps the server’s words for the same status when an update brings none, never for a new one', () => {
    const shown = at(status('waiting_payment', 'websocket', { message: 'Send 0.1 BTC' }), 1)
    const same = mergeStatus(shown, status('waiting_payment', 'poll', { message: '' }), poll(2))
    expect(same.apply && same.status.message).toBe('Send 0.1 BTC')
    const next = mergeStatus(shown, status('payment_detected', 'poll', { message: '' }), poll(2))
    expect(next.apply && next.status.message).toBe('')
    const own = mergeStatus(shown, status('waiting_payment', 'poll', { message: 'Still waiting' }), poll(2))
    expect(own.apply && own.status.message).toBe('Still waiting')
  })

  it('discards a poll answer requested before the last applied update', () => {
    const current = at(status('payment_detected', 'websocket'), 1000)
    expect(mergeStatus(current, status('payment_detected', 'poll'), poll(999)).apply).toBe(false)
    expect(mergeStatus(current, status('confirming', 'poll'), poll(1000)).apply).toBe(true)
  })

  it('discards a frame older than the one shown (by server time) on the same socket', () => {
    const current = onSocket(status('confirming', 'websocket', { serverTime: NOW, confirmations: 1 }), 7)
    const older = status('confirming', 'websocket', { serverTime: NOW - 1, confirmations: 1, message: 'older' })
    expect(mergeStatus(current, older, frameOn(7))).toEqual({
      apply: false,
      reason: 'frame older than the status shown, on the same socket',
    })
    const same = status('confirming', 'websocket', { serverTime: NOW, confirmations: 1, message: 'same time' })
    expect(mergeStatus(current, same, frameOn(7)).apply).toBe(true)
  })

  it('never moves backwards in the payment’s progress or confirmations', () => {
    expect(mergeStatus(at(status('creating_account', 'poll'), 1), status('confirming', 'websocket'), socket).apply).toBe(false)
    const confirming = at(status('confirming', 'websocket', { confirmations: 2 }), 1)
    expect(mergeStatus(confirming, status('confirming', 'poll', { confirmations: 1 }), poll(5)).apply).toBe(false)
  })

  it('judges counts only within confirming, and keeps the count when an update has none', () => {
    const detected = at(status('payment_detected', 'poll', { confirmations: 1 }), 1)
    expect(mergeStatus(detected, status('confirming', 'websocket', { confirmations: 0 }), socket).apply).toBe(true)
    const confirmed = mergeStatus(at(status('confirming', 'poll', { confirmations: 2 }), 1), status('creating_account', 'websocket', { confirmations: 0 }), socket)
    expect(confirmed.apply).toBe(true)
    const waiting = at(status('waiting_payment', 'poll', { confirmations: 2 }), 1)
    expect(mergeStatus(waiting, status('waiting_payment', 'websocket', { confirmations: 0, message: 'again' }), socket).apply).toBe(true)
    const counted = at(status('confirming', 'poll', { confirmations: 2 }), 1)
    const uncounted = mergeStatus(counted, status('confirming', 'websocket', { confirmations: null, message: 'no count' }), socket)
    expect(uncounted.apply && uncounted.status).toMatchObject({ message: 'no count', confirmations: 2 })
    const firstCount = mergeStatus(at(status('confirming', 'poll', { confirmations: null }), 1), status('confirming', 'websocket', { confirmations: 0 }), socket)
    expect(firstCount.apply && firstCount.status.confirmations).toBe(0)
  })

  it('keeps the card filled when an update leaves fields out', () => {
    const decision = mergeStatus(
      at(status('waiting_payment', 'websocket', { address: 'bc1qkeep', amount: '0.5' }), 1),
      status('payment_detected', 'poll', { address: null, amount: null, txHash: 'ab'.repeat(32) }),
      poll(2),
    )
    expect(decision.apply && decision.status).toMatchObject({ code: 'payment_detected', address: 'bc1qkeep', amount: '0.5' })
  })

  describe('server timestamps never freeze the card', () => {
    it('believes a server time within five minutes of the browser clock, either way, and nothing else', () => {
      expect(MAX_SERVER_CLOCK_SKEW_MS).toBe(5 * MINUTE)
      expect(isPlausibleServerTime(NOW, NOW)).toBe(true)
      expect(isPlausibleServerTime(NOW + 5 * MINUTE, NOW)).toBe(true)
      expect(isPlausibleServerTime(NOW - 5 * MINUTE, NOW)).toBe(true)
      expect(isPlausibleServerTime(NOW + 5 * MINUTE + 1, NOW)).toBe(false)
      expect(isPlausibleServerTime(NOW - 5 * MINUTE - 1, NOW)).toBe(false)
      expect(isPlausibleServerTime(Number.NaN, NOW)).toBe(false)
      expect(isPlausibleServerTime(NOW, Number.NaN)).toBe(false)
    })

    it('keeps applying updates after one frame stamped far in the future', () => {
      const future = status('confirming', 'websocket', { serverTime: NOW + 365 * 24 * 60 * MINUTE, confirmations: 0, progress: 40 })
      const next = status('confirming', 'websocket', { serverTime: NOW + 10_000, confirmations: 0, progress: 45, message: 'still here' })
      const decision = mergeStatus(onSocket(future, 3), next, frameOn(3, NOW + 10_000))
      expect(decision.apply && decision.status.message).toBe('still here')
    })

    it('judges "far off" against the corrected clock, not the device clock', () => {
      // The device runs 3 h slow; the estimate knows. Frames stamped by the server are then near.
      const deviceNow = NOW - 180 * MINUTE
      const offset = 180 * MINUTE
      const shown = status('waiting_payment', 'websocket', { serverTime: NOW })
      const older = status('waiting_payment', 'websocket', { serverTime: NOW - 20_000, message: 'sent earlier' })
      const decision = mergeStatus(onSocket(shown, 6), older, frameOn(6, deviceNow), offset)
      expect(decision).toEqual({ apply: false, reason: 'frame older than the status shown, on the same socket' })
      // Against the device clock both stamps would look 3 h off and order nothing.
      expect(mergeStatus(onSocket(shown, 6), older, frameOn(6, deviceNow)).apply).toBe(true)
      // And a frame from 2099 is far off by the corrected clock too: it orders nothing.
      const future = status('waiting_payment', 'websocket', { serverTime: Date.UTC(2099, 0, 1) })
      expect(mergeStatus(onSocket(future, 6), { ...shown, message: 'after 2099' }, frameOn(6, deviceNow), offset).apply).toBe(true)
    })

    it('keeps applying updates when the shown frame was stamped far in the past', () => {
      const stale = status('waiting_payment', 'websocket', { serverTime: NOW - 10 * MINUTE })
      const next = status('waiting_payment', 'websocket', { serverTime: NOW - 11 * MINUTE, message: 'fresh' })
      expect(mergeStatus(onSocket(stale, 3), next, frameOn(3)).apply).toBe(true)
    })

    it('ignores an absurd incoming time rather than comparing with it', () => {
      const shown = status('waiting_payment', 'websocket', { serverTime: NOW })
      const next = status('waiting_payment', 'websocket', { serverTime: NOW - 6 * MINUTE, message: 'from a confused clock' })
      expect(mergeStatus(onSocket(shown, 3), next, frameOn(3)).apply).toBe(true)
    })

    it('does not order frames of different socket attempts by server time (a restarted server may run behind)', () => {
      const shown = status('confirming', 'websocket', { serverTime: NOW, confirmations: 1 })
      const next = status('confirming', 'websocket', { serverTime: NOW - 2 * MINUTE, confirmations: 1, message: 'new socket' })
      expect(mergeStatus(onSocket(shown, 1), next, frameOn(2)).apply).toBe(true)
      // A poll answer applied last carries no socket attempt: the next frame is not compared with it.
      expect(mergeStatus(at(shown, 10), next, frameOn(2)).apply).toBe(true)
    })

    it('never lets a stepped-back server clock hide a real change on the same socket', () => {
      const shown = status('confirming', 'websocket', { serverTime: NOW, confirmations: 1 })
      const stepped = NOW - 2 * MINUTE
      const moreConfirmations = status('confirming', 'websocket', { serverTime: stepped, confirmations: 2 })
      expect(mergeStatus(onSocket(shown, 4), moreConfirmations, frameOn(4)).apply).toBe(true)
      const nextStage = status('creating_account', 'websocket', { serverTime: stepped })
      expect(mergeStatus(onSocket(shown, 4), nextStage, frameOn(4)).apply).toBe(true)
      const firstCount = status('confirming', 'websocket', { serverTime: stepped, confirmations: 0 })
      const noCount = status('confirming', 'websocket', { serverTime: NOW, confirmations: null })
      expect(mergeStatus(onSocket(noCount, 4), firstCount, frameOn(4)).apply).toBe(true)
      // Nothing new: the older frame stays out.
      const sameAgain = status('confirming', 'websocket', { serverTime: stepped, confirmations: 1 })
      expect(mergeStatus(onSocket(shown, 4), sameAgain, frameOn(4)).apply).toBe(false)
      const stillNoCount = status('confirming', 'websocket', { serverTime: stepped, confirmations: null })
      expect(mergeStatus(onSocket(noCount, 4), stillNoCount, frameOn(4)).apply).toBe(false)
    })

    it('orders nothing by a time one side lacks', () => {
      const timed = status('waiting_payment', 'websocket', { serverTime: NOW })
      const untimed = status('waiting_payment', 'websocket', { serverTime: null, message: 'no timestamp' })
      expect(mergeStatus(onSocket(timed, 5), untimed, frameOn(5)).apply).toBe(true)
      expect(mergeStatus(onSocket(untimed, 5), { ...timed, message: 'timed' }, frameOn(5)).apply).toBe(true)
    })

    it('orders poll answers by when they were asked for, not by their Date header', () => {
      const shown = at(status('waiting_payment', 'poll', { serverTime: NOW }), 10)
      const answer = status('waiting_payment', 'poll', { serverTime: NOW - 1000, message: 'asked later, stamped earlier' })
      expect(mergeStatus(shown, answer, { requestStartedAt: 10, socketAttemptId: null, receivedAtWall: NOW }).apply).toBe(true)
    })
  })

  describe('one source for "x of y" and a bar that never moves back within a status', () => {
    // Production, BTC, one confirmation: the socket divides by its own table (1), the poll by 2.
    const socketFrame = (extra: Partial<PaymentStatus> = {}) =>
      status('confirming', 'websocket', {
        confirmations: 1,
        confirmationsRequired: 2,
        progress: 70,
        message: '⏳ Confirming transaction (1/2)',
        ...extra,
      })
    const pollAnswer = (extra: Partial<PaymentStatus> = {}) =>
      status('confirming', 'poll', {
        confirmations: 1,
        confirmationsRequired: 2,
        progress: 55,
        message: '⏳ Confirming transaction (1/2)',
        ...extra,
      })

    it('keeps the higher progress when the poll of the same status says less', () => {
      const decision = mergeStatus(at(socketFrame(), 1), pollAnswer(), poll(5))
      expect(decision.apply && decision.status.progress).toBe(70)
    })

    it('takes a higher progress within the status, and a new status’s own progress', () => {
      const higher = mergeStatus(at(pollAnswer(), 1), socketFrame(), socket)
      expect(higher.apply && higher.status.progress).toBe(70)
      const failed = mergeStatus(at(socketFrame(), 1), status('failed', 'poll', { progress: 0 }), poll(5))
      expect(failed.apply && failed.status.progress).toBe(0)
    })

    it('keeps the poll’s required confirmations across later socket frames', () => {
      const fromPoll = pollAnswer({ confirmationsRequired: 3, message: '⏳ Confirming transaction (1/3)' })
      const decision = mergeStatus(at(fromPoll, 1), socketFrame({ confirmations: 2, message: '⏳ Confirming transaction (2/2)' }), socket)
      expect(decision.apply && decision.status).toMatchObject({
        confirmations: 2,
        confirmationsRequired: 3,
        message: '⏳ Confirming transaction (2/3)',
      })
    })

    it('lets a later poll change the required confirmations', () => {
      const decision = mergeStatus(at(pollAnswer({ confirmationsRequired: 3 }), 1), pollAnswer({ confirmationsRequired: 4 }), poll(5))
      expect(decision.apply && decision.status.confirmationsRequired).toBe(4)
    })

    it('falls back to what is known when a poll leaves the required confirmations out', () => {
      const decision = mergeStatus(at(pollAnswer({ confirmationsRequired: 3 }), 1), pollAnswer({ confirmationsRequired: null }), poll(5))
      expect(decision.apply && decision.status.confirmationsRequired).toBe(3)
      const first = mergeStatus(at(socketFrame({ confirmationsRequired: null }), 1), socketFrame(), socket)
      expect(first.apply && first.status.confirmationsRequired).toBe(2)
    })
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
