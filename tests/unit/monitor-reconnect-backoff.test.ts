import { describe, expect, it } from 'vitest'
import { CHANNEL_ID, pollBody, statusFrame } from '../support/channel'
import { advanceAnswering, bringUp, createTestMonitor } from '../support/monitor'

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
