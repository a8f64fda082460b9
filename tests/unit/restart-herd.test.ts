import { describe, expect, it } from 'vitest'
import { PaymentMonitor } from '../../src/core/machine/monitor'
import { CHANNEL_ID, pollBody, statusFrame } from '../support/channel'
import { FakeClock } from '../support/clock'
import { FakeFetch } from '../support/fetch'
import { TEST_CONFIG } from '../support/monitor'
import { SocketFactory } from '../support/websocket'

function seeded(seed: number) {
  let x = seed
  return () => (x = (x * 48271) % 2147483647) / 2147483647
}

describe('a server restart seen by many clients at once', () => {
  it('spreads their polls and reconnects instead of storming the server', async () => {
    const clients = 300
    const clock = new FakeClock()
    const random = seeded(7)
    const fleet = Array.from({ length: clients }, () => {
      const sockets = new SocketFactory()
      const http = new FakeFetch()
      const monitor = new PaymentMonitor({ config: TEST_CONFIG, createSocket: sockets.create, fetch: http.fetch, clock, random })
      monitor.start(CHANNEL_ID)
      return { monitor, sockets, http }
    })
    for (const client of fleet) {
      await client.http.last.respond({ status: 200, body: pollBody('pending') })
      client.sockets.last.serverOpen()
      client.sockets.last.welcome()
      client.sockets.last.serverSend(statusFrame('waiting_payment'))
    }
    clock.advance(10000)
    const restartAt = clock.now()
    const requestsBefore = fleet.map((c) => c.http.requests.length)
    for (const client of fleet) client.sockets.last.serverClose(1012, 'Service restart')

    // Count, per second after the restart, new HTTP requests and socket attempts across the fleet.
    const polls: number[] = []
    const attempts: number[] = []
    let socketsSoFar = fleet.reduce((n, c) => n + c.sockets.sockets.length, 0)
    let requestsSoFar = fleet.reduce((n, c, i) => n + c.http.requests.length - requestsBefore[i]!, 0)
    polls.push(requestsSoFar)
    attempts.push(0)
    for (let second = 1; second <= 8; second++) {
      clock.advance(1000)
      const socketsNow = fleet.reduce((n, c) => n + c.sockets.sockets.length, 0)
      const requestsNow = fleet.reduce((n, c, i) => n + c.http.requests.length - requestsBefore[i]!, 0)
      attempts.push(socketsNow - socketsSoFar)
      polls.push(requestsNow - requestsSoFar)
      socketsSoFar = socketsNow
      requestsSoFar = requestsNow
    }
    expect(clock.now() - restartAt).toBe(8000)
    // Nobody at once, and no second carries more than about a fifth of the fleet.
    expect(polls[0]).toBe(0)
    expect(attempts[0]).toBe(0)
    expect(Math.max(...polls)).toBeLessThan(clients * 0.3)
    expect(Math.max(...attempts)).toBeLessThan(clients * 0.3)
    // Yet every client polled within one period and tried the socket within the window.
    expect(polls.slice(0, 6).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(clients)
    expect(attempts.slice(0, 7).reduce((a, b) => a + b, 0)).toBe(clients)
    for (const client of fleet) client.monitor.stop()
  })
})
