import { describe, expect, it } from 'vitest'
import { CHANNEL_ID, pollBody, statusFrame } from '../support/channel'
import type { FakeClock } from '../support/clock'
import type { FakeFetch } from '../support/fetch'
import { createTestMonitor } from '../support/monitor'

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE

/**
 * A server whose clock is right while the device's is `skew` ms off (negative: slow). The
 * payment expires 20 min after the scenario starts, by the server's clock.
 */
function skewedServer(clock: FakeClock, skew: number) {
  const serverNow = () => clock.now() - skew
  const expiresAt = serverNow() + 20 * MINUTE + 17_345
  const expiry = new Date(expiresAt).toISOString()
  return {
    expiresAt,
    serverNow,
    frame: (status: string, extra: Record<string, unknown> = {}) =>
      statusFrame(status, { timestamp: new Date(serverNow()).toISOString(), ...extra }, { expiresAt: expiry }),
    /** A poll answer as production sends it across origins: no readable Date header. */
    async answerPolls(http: FakeFetch) {
      const timeLeft = Math.max(0, Math.floor((expiresAt - serverNow()) / MINUTE))
      for (const request of http.pending) await request.respond({ status: 200, body: pollBody('pending', { expiresAt: expiry, timeLeft }) })
    },
  }
}

/** What the countdown shows: the expiry against the device clock corrected by the offset. */
function countdownError(clock: FakeClock, server: ReturnType<typeof skewedServer>, offset: number | null): number {
  const shown = server.expiresAt - (clock.now() + (offset ?? 0))
  const truth = server.expiresAt - server.serverNow()
  return shown - truth
}

describe('time by the server clock, whatever the device clock says', () => {
  for (const skew of [-10 * MINUTE, 10 * MINUTE, -3 * HOUR, 3 * HOUR]) {
    const name = `${Math.abs(skew) / MINUTE} min ${skew < 0 ? 'slow' : 'fast'}`

    it(`device ${name}, socket: the countdown is within a second of the truth`, async () => {
      const { monitor, http, sockets, clock } = createTestMonitor()
      const server = skewedServer(clock, skew)
      monitor.start(CHANNEL_ID)
      await server.answerPolls(http)
      sockets.last.serverOpen()
      sockets.last.welcome(new Date(server.serverNow()).toISOString())
      sockets.last.serverSend(server.frame('waiting_payment'))
      for (let i = 0; i < 3; i++) {
        clock.advance(10 * SECOND)
        sockets.last.serverSend(server.frame('waiting_payment'))
      }
      expect(Math.abs(countdownError(clock, server, monitor.getSnapshot().serverClockOffsetMs))).toBeLessThan(SECOND)
    })

    it(`device ${name}, polling only: the countdown is within 60 s of the truth from the first answer`, async () => {
      const { monitor, http, sockets, clock } = createTestMonitor()
      const server = skewedServer(clock, skew)
      monitor.start(CHANNEL_ID)
      sockets.last.serverClose(1006)
      await server.answerPolls(http)
      expect(Math.abs(countdownError(clock, server, monitor.getSnapshot().serverClockOffsetMs))).toBeLessThanOrEqual(30 * SECOND)
      for (let i = 0; i < 30; i++) {
        clock.advance(2 * SECOND)
        await server.answerPolls(http)
      }
      expect(Math.abs(countdownError(clock, server, monitor.getSnapshot().serverClockOffsetMs))).toBeLessThanOrEqual(10 * SECOND)
    })
  }

  it('with no time from the server at all, the offset is unknown (null), not a made-up 0', async () => {
    const { monitor, http, sockets } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await http.last.respond({ status: 200, body: pollBody('pending', { timeLeft: undefined }) })
    sockets.last.serverOpen()
    sockets.last.serverSend(statusFrame('waiting_payment', { timestamp: undefined }))
    expect(monitor.getSnapshot().status?.code).toBe('waiting_payment')
    expect(monitor.getSnapshot().serverClockOffsetMs).toBeNull()
  })

  it('orders frames of one socket by the corrected clock on a device 3 h slow: an older frame is refused', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor()
    const server = skewedServer(clock, -3 * HOUR)
    monitor.start(CHANNEL_ID)
    await server.answerPolls(http)
    sockets.last.serverOpen()
    sockets.last.welcome(new Date(server.serverNow()).toISOString())
    sockets.last.serverSend(server.frame('waiting_payment', { message: 'newest' }))
    const sentEarlier = new Date(server.serverNow() - 20 * SECOND).toISOString()
    sockets.last.serverSend(server.frame('waiting_payment', { message: 'sent earlier, arrived later', timestamp: sentEarlier }))
    expect(monitor.getSnapshot().status?.message).toBe('newest')
  })

  it('a frame from 2099 neither moves the countdown nor makes every later frame look older', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor()
    const server = skewedServer(clock, 10 * MINUTE)
    monitor.start(CHANNEL_ID)
    await server.answerPolls(http)
    sockets.last.serverOpen()
    sockets.last.welcome(new Date(server.serverNow()).toISOString())
    sockets.last.serverSend(server.frame('waiting_payment'))
    clock.advance(SECOND)
    sockets.last.serverSend(server.frame('waiting_payment', { message: 'from 2099', timestamp: '2099-01-01T00:00:00.000Z' }))
    expect(monitor.getSnapshot().status?.message).toBe('from 2099')
    for (const message of ['after 2099', 'and after that']) {
      clock.advance(10 * SECOND)
      sockets.last.serverSend(server.frame('waiting_payment', { message }))
      expect(monitor.getSnapshot().status?.message).toBe(message)
    }
    expect(Math.abs(countdownError(clock, server, monitor.getSnapshot().serverClockOffsetMs))).toBeLessThan(SECOND)
  })
})
