import { describe, expect, it } from 'vitest'
import { PaymentMonitor } from '../../src/core/machine/monitor'
import { CHANNEL_ID, pollBody, statusFrame } from '../support/channel'
import { FakeClock } from '../support/clock'
import { FakeFetch } from '../support/fetch'
import { TEST_CONFIG, answerAll, bringUp, createTestMonitor } from '../support/monitor'
import { SocketFactory } from '../support/websocket'

function seeded(seed: number) {
  let x = seed
  return () => (x = (x * 48271) % 2147483647) / 2147483647
}

/** A fixed window for the one-client rules, whatever the default is. */
const RESTART_WINDOW: readonly [number, number] = [2000, 12000]
/** How long the restarting server refuses upgrades. */
const REFUSED_MS = 3000

describe('a server restart (close 1012)', () => {
  it('one client: no poll at once; reconnects at its moment in the window; the subscribe answer needs no poll', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor({ random: () => 0.5, config: { restartReconnectWindowMs: RESTART_WINDOW } })
    monitor.start(CHANNEL_ID)
    await answerAll(http)
    bringUp(sockets.last)
    clock.advance(5000)
    sockets.last.serverSend(statusFrame('waiting_payment'))
    sockets.last.serverClose(1012, 'Service restart')
    expect(monitor.getSnapshot()).toMatchObject({ state: 'connecting', transport: 'none', status: { code: 'waiting_payment' } })
    expect(monitor.getSnapshot().nextSocketAttemptAt! - clock.now()).toBe(7000) // the middle of 2–12 s
    clock.advance(7000)
    expect(http.requests).toHaveLength(1)
    bringUp(sockets.last, 'payment_detected')
    expect(monitor.getSnapshot()).toMatchObject({ state: 'open', status: { code: 'payment_detected' } })
    expect(http.requests).toHaveLength(1)
  })

  it('one client whose socket is still refused when its window is over: polls then', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor({ random: () => 0.9, config: { restartReconnectWindowMs: RESTART_WINDOW } })
    monitor.start(CHANNEL_ID)
    await answerAll(http)
    bringUp(sockets.last)
    sockets.last.serverClose(1012, 'Service restart')
    for (let step = 0; step < 11900 / 100; step++) {
      clock.advance(100)
      if (!sockets.last.isClosed) sockets.last.serverClose(1006)
    }
    expect(http.requests).toHaveLength(1)
    expect(monitor.getSnapshot().state).toBe('connecting')
    clock.advance(100)
    if (!sockets.last.isClosed) sockets.last.serverClose(1006)
    expect(monitor.getSnapshot().state).toBe('polling')
    expect(http.requests).toHaveLength(2)
  })

  it('1000 clients with the default window: no HTTP in the first 2 s, at most 100 attempts a second, all back within 18 s', async () => {
    const clients = 1000
    const clock = new FakeClock()
    const random = seeded(7)
    const config = TEST_CONFIG
    const fleet = Array.from({ length: clients }, () => {
      const sockets = new SocketFactory()
      const http = new FakeFetch()
      const monitor = new PaymentMonitor({ config, createSocket: sockets.create, fetch: http.fetch, clock, random })
      monitor.start(CHANNEL_ID)
      return { monitor, sockets, http, seen: 0, backAt: null as number | null }
    })
    for (const client of fleet) {
      await client.http.last.respond({ status: 200, body: pollBody('pending') })
      bringUp(client.sockets.last)
      client.seen = client.sockets.sockets.length
    }
    clock.advance(5000)
    const restartAt = clock.monotonic()
    const httpBefore = fleet.reduce((n, c) => n + c.http.requests.length, 0)
    for (const client of fleet) client.sockets.last.serverClose(1012, 'Service restart')

    const perSecond = Array.from({ length: 19 }, () => ({ attempts: 0, http: 0 }))
    let httpSoFar = httpBefore
    for (let step = 1; step <= 190; step++) {
      clock.advance(100)
      const second = Math.floor((step - 1) / 10)
      const sinceRestart = clock.monotonic() - restartAt
      for (const client of fleet) {
        for (const socket of client.sockets.sockets.slice(client.seen)) {
          perSecond[second]!.attempts += 1
          if (sinceRestart < REFUSED_MS) socket.serverClose(1006)
          else bringUp(socket)
        }
        client.seen = client.sockets.sockets.length
        // The server pushes a status to every subscriber every 10 s.
        if (step % 100 === 0) client.sockets.last.serverSend(statusFrame('waiting_payment'))
        if (client.backAt === null && client.monitor.getSnapshot().state === 'open') client.backAt = sinceRestart
        await answerAll(client.http)
      }
      const httpNow = fleet.reduce((n, c) => n + c.http.requests.length, 0)
      perSecond[second]!.http += httpNow - httpSoFar
      httpSoFar = httpNow
    }
    const back = fleet.map((c) => c.backAt ?? Infinity).sort((a, b) => a - b)
    const peak = Math.max(...perSecond.map((s) => s.attempts + s.http))
    expect(perSecond[0]!.http + perSecond[1]!.http).toBe(0)
    expect(perSecond[0]!.attempts + perSecond[1]!.attempts).toBe(0)
    // Fifteen seconds of spread: 67 a second on average, and the busiest second stays under 100.
    expect(peak).toBeLessThanOrEqual(100)
    expect(back[Math.ceil(clients * 0.9) - 1]!).toBeLessThanOrEqual(17000)
    expect(back.at(-1)!).toBeLessThanOrEqual(18000)
    for (const client of fleet) client.monitor.stop()
    console.info(`restart herd (${clients} clients): per second ${JSON.stringify(perSecond.map((s) => s.attempts + s.http))}, 90 % back ${back[Math.ceil(clients * 0.9) - 1]} ms, all ${back.at(-1)} ms`)
    // A thousand monitors on fake clocks: no wall-clock assertion, only CPU, which a busy machine lacks.
  }, 60_000)
})
