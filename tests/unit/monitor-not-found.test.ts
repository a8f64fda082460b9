import { describe, expect, it } from 'vitest'
import { CHANNEL_ID, pollBody } from '../support/channel'
import { NOT_FOUND_ANSWER, answerAll, bringUp, createTestMonitor } from '../support/monitor'

describe('a channel that does not exist', () => {
  it('is settled by the API’s own 404: failed, socket closed, one check a minute', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await http.last.respond(NOT_FOUND_ANSWER)
    expect(monitor.getSnapshot()).toMatchObject({ state: 'failed', notFound: true, failureReason: 'not_found', transport: 'none' })
    expect(sockets.last.isClosed).toBe(true)
    for (let minute = 1; minute <= 5; minute++) {
      clock.advance(59999)
      expect(http.requests).toHaveLength(minute)
      clock.advance(1)
      expect(http.requests).toHaveLength(minute + 1)
      await http.last.respond(NOT_FOUND_ANSWER)
    }
    expect(sockets.sockets).toHaveLength(1)
  })

  it('is not settled by a 404 with any other body (a proxy’s HTML page): that is a server error, the socket stays', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor({ random: () => 0 })
    monitor.start(CHANNEL_ID)
    await http.last.respond({ status: 404, body: '<html><h1>404 Not Found</h1></html>', headers: { 'Content-Type': 'text/html' } })
    expect(monitor.getSnapshot()).toMatchObject({ notFound: false, state: 'connecting' })
    expect(monitor.getSnapshot().pollFailures[0]).toMatchObject({ httpStatus: 404 })
    bringUp(sockets.last)
    expect(monitor.getSnapshot()).toMatchObject({ state: 'open', notFound: false })
    sockets.last.serverClose(1006)
    await http.last.respond({ status: 404, body: { success: false, error: 'Cannot GET /api' } })
    expect(monitor.getSnapshot()).toMatchObject({ state: 'polling', notFound: false })
    clock.advance(4999)
    expect(http.pending).toHaveLength(0)
    clock.advance(1)
    expect(http.pending).toHaveLength(1) // backed off from the poll interval, like a 5xx
  })

  it('is outranked by a socket that delivers status: a poll’s not-found never kills it', async () => {
    const { monitor, http, sockets } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    bringUp(sockets.last)
    await http.last.respond(NOT_FOUND_ANSWER)
    expect(monitor.getSnapshot()).toMatchObject({ state: 'open', notFound: false })
    expect(sockets.last.isClosed).toBe(false)
  })

  it('is checked over HTTP when the socket says so, and settled by HTTP', async () => {
    const { monitor, http, sockets } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    bringUp(sockets.last)
    sockets.last.serverSend({ type: 'error', message: 'Payment channel not found', channelId: CHANNEL_ID, timestamp: new Date().toISOString() })
    expect(http.requests).toHaveLength(2)
    expect(monitor.getSnapshot().statusStale).toBe(true)
    await http.last.respond(NOT_FOUND_ANSWER)
    expect(monitor.getSnapshot()).toMatchObject({ notFound: true, state: 'failed' })
  })

  it('keeps its once-a-minute recheck through an offline blip', async () => {
    const { monitor, http, clock } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await http.last.respond(NOT_FOUND_ANSWER)
    monitor.setOnline(false)
    monitor.setOnline(true)
    for (let minute = 1; minute <= 3; minute++) {
      clock.advance(60000)
      expect(http.requests).toHaveLength(minute + 1)
      await http.last.respond(NOT_FOUND_ANSWER)
    }
  })

  it('resumes when the channel turns up', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await http.last.respond(NOT_FOUND_ANSWER)
    clock.advance(60000)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    expect(monitor.getSnapshot()).toMatchObject({ state: 'connecting', notFound: false, status: { code: 'waiting_payment' } })
    expect(sockets.sockets).toHaveLength(2)
    await answerAll(http)
  })
})
