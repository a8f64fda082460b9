import { describe, expect, it } from 'vitest'
import { CHANNEL_ID, pollBody, statusFrame } from '../support/channel'
import { BACK_AFTER_RESTART_MS, RECENT_PATH_CAP_MS, RECENT_PATH_MS, TROUBLE_WAIT_SHARE } from '../../src/core/machine/socketSupervisor'
import { MemoryStorage, advanceAnswering, answerAll, bringUp, createTestMonitor } from '../support/monitor'

/** Delays before the next `count` socket attempts, each of them refused before `open`. */
async function refusedProbeDelays(setup: ReturnType<typeof createTestMonitor>, count: number): Promise<number[]> {
  const { monitor, http, sockets, clock } = setup
  const delays: number[] = []
  for (let i = 0; i < count; i++) {
    const next = monitor.getSnapshot().nextSocketAttemptAt!
    delays.push(next - clock.now())
    await advanceAnswering(clock, http, next - clock.now())
    sockets.last.serverClose(1006)
  }
  return delays
}

/** Opens, welcomes and cuts the current socket 233 ms later: the production 1006 flap. */
function flap(setup: ReturnType<typeof createTestMonitor>): void {
  const socket = setup.sockets.last
  socket.serverOpen()
  socket.welcome()
  setup.clock.advance(233)
  socket.serverClose(1006)
}

describe('background socket probes while polling', () => {
  it('keep probing for the life of the page, the wait doubling up to the cap but never over 40 % of the trouble so far', async () => {
    const setup = createTestMonitor({ random: () => 1 - 1e-9 })
    const { monitor, http, sockets, clock } = setup
    monitor.start(CHANNEL_ID)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    const troubleSince = clock.now() + 233
    const delays: Array<{ age: number; delay: number }> = []
    for (let i = 0; i < 24; i++) {
      flap(setup)
      const next = monitor.getSnapshot().nextSocketAttemptAt
      expect(next).not.toBeNull()
      delays.push({ age: clock.now() - troubleSince, delay: next! - clock.now() })
      await advanceAnswering(clock, http, next! - clock.now())
    }
    // The worst moment of the jitter waits as long as the rule allows: the backoff's ceiling
    // (2 s doubling to 60 s), lowered to 40 % of the time since the first cut, but never under 2 s.
    for (const [i, { age, delay }] of delays.entries()) {
      expect(delay).toBe(Math.round(Math.min(2000 * 2 ** i, 60000, Math.max(2000, TROUBLE_WAIT_SHARE * age))))
    }
    expect(delays.slice(0, 3).map((d) => d.delay)).toEqual([2000, 2000, 2000])
    expect(delays.at(-1)!.delay).toBe(60000)
    expect(sockets.sockets).toHaveLength(25)
    expect(monitor.getSnapshot()).toMatchObject({ state: 'polling', lastCloseCode: 1006, wsAttempts: 25 })
  })

  it.each([0, 0.5, 1 - 1e-9])('return to the socket within 10 s once 15 s of flapping end (random %s)', async (r) => {
    const setup = createTestMonitor({ random: () => r })
    const { monitor, http, sockets, clock } = setup
    monitor.start(CHANNEL_ID)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    bringUp(sockets.last)
    clock.advance(6000)
    sockets.last.serverClose(1006) // a healthy socket lost: the flapping begins
    const healedAt = clock.now() + 15000
    while (clock.now() < healedAt) {
      await advanceAnswering(clock, http, Math.min(monitor.getSnapshot().nextSocketAttemptAt! - clock.now(), healedAt - clock.now()))
      if (clock.now() < healedAt) flap(setup)
    }
    // The path carries the socket again: the next attempt opens, delivers, and passes probation.
    const attempts = sockets.sockets.length
    for (let waited = 0; waited < 30000 && monitor.getSnapshot().state !== 'open'; waited += 100) {
      await advanceAnswering(clock, http, 100)
      if (sockets.sockets.length > attempts && sockets.last.readyState === 0) bringUp(sockets.last)
    }
    expect(monitor.getSnapshot().state).toBe('open')
    expect(clock.now() - healedAt).toBeLessThanOrEqual(10000)
  })

  it('reset the backoff after a socket proved healthy, so the next loss reconnects quickly', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor({ random: () => 1 - 1e-9 })
    monitor.start(CHANNEL_ID)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    sockets.last.serverClose(1006)
    clock.advance(monitor.getSnapshot().nextSocketAttemptAt! - clock.now()) // backoff at 2 s
    sockets.last.serverClose(1006) // now at 4 s
    clock.advance(monitor.getSnapshot().nextSocketAttemptAt! - clock.now())
    bringUp(sockets.last)
    clock.advance(10000)
    sockets.last.serverSend(statusFrame('waiting_payment'))
    sockets.last.serverClose(1006)
    expect(monitor.getSnapshot().nextSocketAttemptAt! - clock.now()).toBe(2000)
  })
})

describe('background probes while the path refuses the socket before it opens', () => {
  /** Polling because the first socket was refused before `open` (the upgrade refused by a proxy). */
  async function refusedAtStart(random: () => number) {
    const setup = createTestMonitor({ random })
    setup.monitor.start(CHANNEL_ID)
    await setup.http.last.respond({ status: 200, body: pollBody('pending') })
    setup.sockets.last.serverClose(1006)
    expect(setup.monitor.getSnapshot().state).toBe('polling')
    return setup
  }

  it('retry once quickly, then wait at least half the cap: never more than two probes a minute', async () => {
    expect(await refusedProbeDelays(await refusedAtStart(() => 0), 4)).toEqual([500, 30000, 30000, 30000])
    expect(await refusedProbeDelays(await refusedAtStart(() => 1 - 1e-9), 4)).toEqual([2000, 60000, 60000, 60000])
  })

  it.each([0, 0.25, 0.5, 1 - 1e-9])('make at most two socket attempts in the first minute of polling (random %s)', async (r) => {
    const { monitor, http, sockets, clock } = await refusedAtStart(() => r)
    const before = sockets.sockets.length
    for (let t = 0; t < 60000; t += 100) {
      await advanceAnswering(clock, http, 100)
      if (!sockets.last.isClosed) sockets.last.serverClose(1006)
    }
    expect(sockets.sockets.length - before).toBeLessThanOrEqual(2)
    expect(monitor.getSnapshot().state).toBe('polling')
  })

  it('count a handshake that never answers as refused', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor({ random: () => 0 })
    monitor.start(CHANNEL_ID)
    await answerAll(http)
    const delays: number[] = []
    for (let i = 0; i < 3; i++) {
      await advanceAnswering(clock, http, 5000) // connect timeout, never opened
      expect(sockets.last.isClosed).toBe(true)
      const next = monitor.getSnapshot().nextSocketAttemptAt!
      delays.push(next - clock.now())
      await advanceAnswering(clock, http, next - clock.now())
    }
    expect(delays).toEqual([500, 30000, 30000])
  })

  it('go back to the quick schedule once a socket opens: a cut after open is retried within seconds', async () => {
    const setup = await refusedAtStart(() => 1 - 1e-9)
    await refusedProbeDelays(setup, 3)
    const { monitor, sockets, clock } = setup
    clock.advance(monitor.getSnapshot().nextSocketAttemptAt! - clock.now())
    sockets.last.serverOpen()
    sockets.last.welcome()
    clock.advance(233)
    sockets.last.serverClose(1006) // the flap: opened, then cut
    expect(monitor.getSnapshot().nextSocketAttemptAt! - clock.now()).toBe(4000)
  })

  it('start over on Retry: the next refusal is retried quickly again', async () => {
    const setup = await refusedAtStart(() => 1 - 1e-9)
    await refusedProbeDelays(setup, 2)
    const { monitor, sockets, clock } = setup
    expect(monitor.getSnapshot().nextSocketAttemptAt! - clock.now()).toBe(60000)
    monitor.retry()
    sockets.last.serverClose(1006)
    expect(monitor.getSnapshot().nextSocketAttemptAt! - clock.now()).toBe(2000)
  })

  it('do not count refusals while a restarting server comes back: past its window, the first refusal is retried quickly', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor({ random: () => 0 })
    monitor.start(CHANNEL_ID)
    await answerAll(http)
    bringUp(sockets.last)
    sockets.last.serverClose(1012, 'Service Restart')
    const before = sockets.sockets.length
    for (let i = 0; i < 400 && monitor.getSnapshot().state === 'connecting'; i++) {
      await advanceAnswering(clock, http, 100)
      if (!sockets.last.isClosed) sockets.last.serverClose(1006)
    }
    expect(sockets.sockets.length - before).toBeGreaterThan(2) // refused again and again inside the window
    expect(monitor.getSnapshot().state).toBe('polling')
    expect(monitor.getSnapshot().nextSocketAttemptAt! - clock.now()).toBe(500)
  })
})

describe('a path that carried a healthy socket, refusing while its server restarts without a word', () => {
  /** A socket that proved healthy, then the server killed: the browser sees 1006 with no close frame. */
  async function healthyThenKilled(storage = new MemoryStorage()) {
    const setup = createTestMonitor({ random: () => 1 - 1e-9, storage })
    setup.monitor.start(CHANNEL_ID)
    await answerAll(setup.http)
    bringUp(setup.sockets.last)
    setup.clock.advance(6000)
    setup.sockets.last.serverSend(statusFrame('waiting_payment'))
    setup.sockets.last.serverClose(1006)
    return setup
  }

  it('keeps the backoff of seconds, capped at 15 s, whatever the refusals: back within 15 s of the server', async () => {
    const delays = await refusedProbeDelays(await healthyThenKilled(), 14)
    // Seconds at first (40 % of the time the server has been gone), then 15 s at most.
    expect(delays.slice(0, 4)).toEqual([2000, 2000, 2000, 2400])
    expect(delays.slice(-3)).toEqual([RECENT_PATH_CAP_MS, RECENT_PATH_CAP_MS, RECENT_PATH_CAP_MS])
    expect(Math.max(...delays)).toBe(RECENT_PATH_CAP_MS)
  })

  it.each([10_000, 37_000, 120_000, 300_000])('is back on the socket, probation included, within 15 s of a server down %i ms that returns just after a refusal', async (downMs) => {
    const setup = await healthyThenKilled()
    const { monitor, http, sockets, clock } = setup
    const killedAt = clock.now()
    // Refused at every attempt until the server has been down `downMs`; it returns 1 ms after the
    // last refusal, the worst moment: the page has just scheduled its longest wait.
    let returnAt = 0
    for (let i = 0; i < 200 && returnAt === 0; i++) {
      await advanceAnswering(clock, http, monitor.getSnapshot().nextSocketAttemptAt! - clock.now())
      sockets.last.serverClose(1006)
      if (clock.now() - killedAt >= downMs) returnAt = clock.now() + 1
    }
    const attempts = sockets.sockets.length
    for (let waited = 0; waited < 30_000 && monitor.getSnapshot().state !== 'open'; waited += 100) {
      await advanceAnswering(clock, http, 100)
      if (sockets.sockets.length > attempts && sockets.last.readyState === 0) {
        clock.advance(200) // production's handshake: open, welcome and status take about 0.2 s
        bringUp(sockets.last)
      }
    }
    expect(monitor.getSnapshot().state).toBe('open')
    expect(clock.now() - returnAt).toBeLessThanOrEqual(BACK_AFTER_RESTART_MS)
  })

  it('remembers the healthy socket across a reload in the same tab', async () => {
    const storage = new MemoryStorage()
    const first = await healthyThenKilled(storage)
    first.monitor.stop()
    const reload = createTestMonitor({ random: () => 1 - 1e-9, storage })
    reload.clock.advance(first.clock.now() - reload.clock.now() + 1000) // the same wall clock, a second later
    reload.monitor.start(CHANNEL_ID)
    await answerAll(reload.http)
    reload.sockets.last.serverClose(1006) // refused: the server is still down
    const delays = await refusedProbeDelays(reload, 14)
    expect(Math.max(...delays)).toBe(RECENT_PATH_CAP_MS)
    expect(delays.at(-1)).toBe(RECENT_PATH_CAP_MS)
  })

  it('drops to the slow probes once the healthy socket is long gone', async () => {
    const setup = await healthyThenKilled()
    await advanceAnswering(setup.clock, setup.http, RECENT_PATH_MS)
    const delays = await refusedProbeDelays(setup, 4)
    expect(delays.slice(-2)).toEqual([60000, 60000])
  })
})
