import { describe, expect, it } from 'vitest'
import { CHANNEL_ID, pollBody, statusFrame } from '../support/channel'
import { bringUp, createTestMonitor } from '../support/monitor'

describe('a payment that reaches its end', () => {
  it('over the socket: closes it with 1000, stops polling and goes idle', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    bringUp(sockets.last)
    sockets.last.serverSend(statusFrame('completed'))
    expect(monitor.getSnapshot()).toMatchObject({ state: 'idle', transport: 'none', lastCloseCode: null })
    expect(monitor.getSnapshot().status?.code).toBe('completed')
    expect(sockets.last.closedWith).toEqual({ code: 1000, reason: 'payment completed' })
    expect(clock.pendingTimers).toBe(0)
    const requests = http.requests.length
    clock.advance(600000)
    expect(http.requests.length).toBe(requests)
    monitor.retry()
    expect(monitor.getSnapshot().state).toBe('idle') // final: retry does nothing
  })

  it('by polling too', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    sockets.last.serverClose(1006)
    await http.pending[0]!.respond({ status: 200, body: pollBody('pending', { isExpired: true }) })
    expect(monitor.getSnapshot()).toMatchObject({ state: 'idle', transport: 'none' })
    expect(monitor.getSnapshot().status?.code).toBe('expired')
    expect(clock.pendingTimers).toBe(0)
    expect(http.pending).toHaveLength(0)
  })

  it('is not moved back by a poll answer that was requested before a newer socket update', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    const slowPoll = http.last
    clock.advance(300)
    bringUp(sockets.last, 'confirming')
    clock.advance(2000)
    await slowPoll.respond({ status: 200, body: pollBody('pending') })
    expect(monitor.getSnapshot().status?.code).toBe('confirming')
    expect(monitor.getSnapshot().events.some((e) => e.message.includes('Discarded poll waiting_payment'))).toBe(true)
  })
})
