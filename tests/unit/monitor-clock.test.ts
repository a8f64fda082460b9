import { describe, expect, it } from 'vitest'
import { CHANNEL_ID, pollBody, statusFrame } from '../support/channel'
import { answerAll, bringUp, createTestMonitor } from '../support/monitor'

describe('clocks', () => {
  it('a wall clock set back an hour does not delay catching a dead socket', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await answerAll(http)
    bringUp(sockets.last)
    clock.advance(1000)
    clock.setWall(clock.now() - 3600_000)
    clock.advance(19000)
    expect(monitor.getSnapshot().state).toBe('polling')
    expect(monitor.getSnapshot().attempts.at(-1)).toMatchObject({ clientReason: 'heartbeat timeout' })
  })

  it('one frame stamped far from the server clock does not shift the server clock offset (the countdown)', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    // 24 h to the fake clock's expiry: 1439 whole minutes left once the server is 2 s ahead.
    await answerAll(http, { status: 200, body: pollBody('pending', { timeLeft: 1439 }) })
    sockets.last.serverOpen()
    sockets.last.welcome(new Date(clock.now() + 2000).toISOString())
    expect(monitor.getSnapshot().serverClockOffsetMs).toBe(2000)
    sockets.last.serverSend(statusFrame('waiting_payment', { timestamp: '2031-01-01T00:00:00.000Z' }))
    sockets.last.serverSend({ type: 'pong', timestamp: '1999-01-01T00:00:00.000Z' })
    expect(monitor.getSnapshot().serverClockOffsetMs).toBe(2000)
  })

  it('times durations of socket attempts on the monotonic clock', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await answerAll(http)
    clock.advance(40)
    sockets.last.serverOpen()
    clock.setWall(clock.now() - 3600_000)
    clock.advance(150)
    sockets.last.welcome()
    expect(monitor.getSnapshot().attempts).toHaveLength(0)
    sockets.last.serverClose(1006)
    expect(monitor.getSnapshot().attempts[0]).toMatchObject({ openMs: 40, welcomeMs: 190, lifetimeMs: 150 })
  })
})
