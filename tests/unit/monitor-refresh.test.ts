import { describe, expect, it } from 'vitest'
import { CHANNEL_ID, pollBody } from '../support/channel'
import { answerAll, bringUp, createTestMonitor } from '../support/monitor'

describe('refreshing after the page was away (offline, hidden, asleep)', () => {
  it('pauses while offline and refreshes at once when back online', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor({ random: () => 0 })
    monitor.start(CHANNEL_ID)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    sockets.last.serverClose(1006)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    monitor.setOnline(false)
    const requests = http.requests.length
    const socketCount = sockets.sockets.length
    clock.advance(120000)
    expect(http.requests.length).toBe(requests)
    expect(sockets.sockets.length).toBe(socketCount)
    monitor.setOnline(true)
    expect(http.requests.length).toBe(requests + 1)
    expect(sockets.sockets.length).toBe(socketCount + 1)
  })

  it('refreshes an open socket with one poll and a ping when the tab becomes visible again', async () => {
    const { monitor, http, sockets } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    bringUp(sockets.last)
    monitor.setVisible(false)
    monitor.setVisible(true)
    expect(http.requests).toHaveLength(2)
    expect(sockets.last.sentOfType('ping')).toHaveLength(1)
    expect(sockets.sockets).toHaveLength(1)
  })

  it('coalesces 20 visibility flips in 2 s: at most 3 socket attempts and 4 polls', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor({ random: () => 0.5 })
    monitor.start(CHANNEL_ID)
    sockets.last.serverClose(1006) // polling, a reconnect scheduled inside its backoff
    await answerAll(http)
    const polls = http.requests.length
    const attempts = sockets.sockets.length
    for (let flip = 0; flip < 20; flip++) {
      monitor.setVisible(flip % 2 === 1)
      clock.advance(100)
      await answerAll(http)
    }
    clock.advance(100)
    await answerAll(http)
    expect(sockets.sockets.length - attempts).toBeLessThanOrEqual(3)
    expect(http.requests.length - polls).toBeLessThanOrEqual(4)
    expect(http.requests.length - polls).toBeGreaterThanOrEqual(1)
  })

  it('never opens a socket while a reconnect is scheduled inside its backoff: polls instead', async () => {
    const { monitor, http, sockets } = createTestMonitor({ random: () => 1 - 1e-9 })
    monitor.start(CHANNEL_ID)
    sockets.last.serverClose(1006)
    await answerAll(http)
    expect(monitor.getSnapshot().nextSocketAttemptAt).not.toBeNull()
    const polls = http.requests.length
    monitor.setVisible(false)
    monitor.setVisible(true)
    expect(sockets.sockets).toHaveLength(1)
    expect(http.requests.length).toBe(polls + 1)
  })

  it('refreshes at once on waking from sleep (a timer firing far later than scheduled)', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await answerAll(http)
    bringUp(sockets.last)
    clock.advance(3000)
    clock.jump(600_000) // the laptop slept; no timer ran
    clock.advance(0)
    expect(http.requests.length).toBeGreaterThanOrEqual(2)
    expect(monitor.getSnapshot().events.some((e) => /slept/.test(e.message))).toBe(true)
  })
})
