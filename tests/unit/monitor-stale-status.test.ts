import { describe, expect, it } from 'vitest'
import { CHANNEL_ID, pollBody, statusFrame } from '../support/channel'
import { answerAll, bringUp, createTestMonitor } from '../support/monitor'

const DB_FAILING = { type: 'error', message: 'Failed to get channel status', channelId: CHANNEL_ID, timestamp: new Date().toISOString() }

describe('a socket that cannot vouch for its status', () => {
  it('answers a channel error frame with one HTTP check at once, and stops claiming "live"', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await answerAll(http)
    bringUp(sockets.last)
    expect(monitor.getSnapshot().statusStale).toBe(false)
    sockets.last.serverSend(DB_FAILING)
    expect(http.requests).toHaveLength(2)
    expect(monitor.getSnapshot()).toMatchObject({ state: 'open', statusStale: true })
    await answerAll(http)
    clock.advance(10000)
    sockets.last.serverSend(DB_FAILING) // repeated every 10 s: one check, not one per frame
    expect(http.requests).toHaveLength(2)
    expect(monitor.getSnapshot().statusStale).toBe(true)
    sockets.last.serverSend(statusFrame('waiting_payment'))
    expect(monitor.getSnapshot().statusStale).toBe(false)
  })

  it('marks the status stale when the server’s 10 s cadence stops for 15 s, and checks over HTTP', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await answerAll(http)
    bringUp(sockets.last)
    clock.advance(14999)
    expect(monitor.getSnapshot().statusStale).toBe(false)
    clock.advance(1)
    expect(monitor.getSnapshot().statusStale).toBe(true)
    expect(http.requests).toHaveLength(2)
    await http.last.respond({ status: 200, body: pollBody('pending') })
  })

  it('lets a poll’s not-found through once the socket itself is in doubt', async () => {
    const { monitor, http, sockets } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await answerAll(http)
    bringUp(sockets.last)
    sockets.last.serverSend(DB_FAILING)
    await http.last.respond({ status: 404, body: { success: false, error: 'Payment channel not found' } })
    expect(monitor.getSnapshot()).toMatchObject({ state: 'failed', notFound: true, statusStale: false })
  })
})
