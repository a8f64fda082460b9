import { describe, expect, it } from 'vitest'
import { CHANNEL_ID, pollBody, statusFrame } from '../support/channel'
import { advanceAnswering, answerAll, bringUp, createTestMonitor } from '../support/monitor'

describe('background socket probes while polling', () => {
  it('keep probing with growing, capped backoff, for the life of the page', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor({ random: () => 1 - 1e-9 })
    monitor.start(CHANNEL_ID)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    const delays: number[] = []
    for (let i = 0; i < 12; i++) {
      const socket = sockets.last
      socket.serverOpen()
      socket.welcome()
      clock.advance(233)
      socket.serverClose(1006)
      const next = monitor.getSnapshot().nextSocketAttemptAt
      expect(next).not.toBeNull()
      delays.push(next! - clock.now())
      await advanceAnswering(clock, http, next! - clock.now())
    }
    expect(delays.slice(0, 6)).toEqual([2000, 4000, 8000, 16000, 32000, 60000])
    expect(Math.max(...delays)).toBe(60000)
    expect(sockets.sockets).toHaveLength(13)
    expect(monitor.getSnapshot()).toMatchObject({ state: 'polling', lastCloseCode: 1006, wsAttempts: 13 })
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

  /** Delays before the next `count` probes, each of them refused before `open` too. */
  async function refusedProbeDelays(setup: Awaited<ReturnType<typeof refusedAtStart>>, count: number): Promise<number[]> {
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
