import { describe, expect, it } from 'vitest'
import { CHANNEL_ID, pollBody } from '../support/channel'
import { NOT_FOUND_ANSWER, answerAll, bringUp, createTestMonitor } from '../support/monitor'

describe('the Retry button', () => {
  it('from "not found": resets everything, asks HTTP and tries the socket now', async () => {
    const { monitor, http, sockets } = createTestMonitor({ random: () => 1 - 1e-9 })
    monitor.start(CHANNEL_ID)
    await http.last.respond(NOT_FOUND_ANSWER)
    const socketCount = sockets.sockets.length
    monitor.retry()
    expect(monitor.getSnapshot()).toMatchObject({ state: 'connecting', notFound: false })
    expect(sockets.sockets.length).toBe(socketCount + 1)
    expect(http.pending).toHaveLength(1)
  })

  it('after many flaps: tries now, keeps polling underneath, and restarts the backoff', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor({ random: () => 1 - 1e-9 })
    monitor.start(CHANNEL_ID)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    for (let i = 0; i < 8; i++) {
      sockets.last.serverClose(1006)
      clock.advance(monitor.getSnapshot().nextSocketAttemptAt! - clock.now())
    }
    sockets.last.serverClose(1006)
    expect(monitor.getSnapshot().nextSocketAttemptAt! - clock.now()).toBe(60000)
    const attempts = sockets.sockets.length
    monitor.retry()
    expect(sockets.sockets.length).toBe(attempts + 1)
    expect(monitor.getSnapshot()).toMatchObject({ state: 'polling', transport: 'polling', nextSocketAttemptAt: null })
    sockets.last.serverClose(1006)
    expect(monitor.getSnapshot().nextSocketAttemptAt! - clock.now()).toBe(2000)
  })

  it('on a healthy open socket: refreshes it (one poll, one ping) instead of tearing it down', async () => {
    const { monitor, http, sockets } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await answerAll(http)
    bringUp(sockets.last)
    monitor.retry()
    expect(sockets.sockets).toHaveLength(1)
    expect(sockets.last.isClosed).toBe(false)
    expect(sockets.last.sentOfType('ping')).toHaveLength(1)
    expect(http.requests).toHaveLength(2)
    expect(monitor.getSnapshot().state).toBe('open')
  })

  it('after stop: starts the channel again', () => {
    const { monitor, sockets } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    monitor.stop()
    monitor.retry()
    expect(monitor.getSnapshot().state).toBe('connecting')
    expect(sockets.openCount).toBe(1)
  })
})
