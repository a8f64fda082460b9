import { describe, expect, it } from 'vitest'
import { CLIENT_CLOSE } from '../../src/core/protocol/closeCodes'
import { CHANNEL_ID, pollBody, statusFrame } from '../support/channel'
import { answerAll, bringUp, createTestMonitor } from '../support/monitor'
import type { FakeWebSocket } from '../support/websocket'

describe('a socket that fails', () => {
  it.each([
    ['a refused upgrade (1006, never open)', (s: FakeWebSocket) => s.serverClose(1006)],
    ['an abnormal close after the welcome (the production flap)', (s: FakeWebSocket) => { s.serverOpen(); s.welcome(); s.serverClose(1006) }],
    ['a close the app did not ask for (1011)', (s: FakeWebSocket) => { bringUp(s); s.serverClose(1011, 'Internal error') }],
  ])('falls back to polling at once on %s', async (_name, fail) => {
    const { monitor, http, sockets } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    fail(sockets.last)
    const snapshot = monitor.getSnapshot()
    expect(snapshot).toMatchObject({ state: 'polling', transport: 'polling' })
    expect(http.requests).toHaveLength(2) // entering polling asks HTTP again, no gap
    expect(snapshot.nextSocketAttemptAt).not.toBeNull()
  })

  it('counts a handshake that never completes as failed, closes it, and polls', () => {
    const { monitor, sockets, clock } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    clock.advance(5000)
    expect(sockets.last.isClosed).toBe(true)
    const snapshot = monitor.getSnapshot()
    expect(snapshot.state).toBe('polling')
    expect(snapshot.lastCloseCode).toBeNull() // our own close does not count
    expect(snapshot.attempts[0]).toMatchObject({ clientReason: 'connect timeout', failed: true })
  })

  it('counts a welcomed socket that sends no status within the connect timeout as failed', async () => {
    const { monitor, sockets, clock, http } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await answerAll(http)
    sockets.last.serverOpen()
    sockets.last.welcome()
    clock.advance(4999)
    expect(monitor.getSnapshot().state).toBe('connecting')
    clock.advance(1)
    expect(monitor.getSnapshot()).toMatchObject({ state: 'polling', transport: 'polling' })
    expect(sockets.last.closedWith?.code).toBe(CLIENT_CLOSE.noStatus)
    expect(http.requests).toHaveLength(2)
  })

  it('catches a silent socket within 20 s, polls at once and probes again', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor({ random: () => 0 })
    monitor.start(CHANNEL_ID)
    await answerAll(http)
    bringUp(sockets.last)
    clock.advance(19999)
    expect(monitor.getSnapshot().state).toBe('open')
    clock.advance(1)
    const snapshot = monitor.getSnapshot()
    expect(snapshot.state).toBe('polling')
    expect(http.requests).toHaveLength(2)
    expect(snapshot.attempts.at(-1)).toMatchObject({ clientReason: 'heartbeat timeout' })
    clock.advance(snapshot.nextSocketAttemptAt! - clock.now())
    expect(sockets.sockets).toHaveLength(2)
  })

  it('gives up on a mute socket (pongs, never a status) after 25 s: polls at once and probes', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor({ random: () => 0 })
    monitor.start(CHANNEL_ID)
    await answerAll(http)
    bringUp(sockets.last)
    const mute = sockets.last
    mute.onmessage!({ data: JSON.stringify({ type: 'pong' }) })
    for (let second = 1; second < 25; second++) {
      clock.advance(1000)
      if (mute.sentOfType('ping').length > 0) mute.serverSend({ type: 'pong', timestamp: new Date(clock.now()).toISOString() })
      await answerAll(http)
    }
    expect(monitor.getSnapshot()).toMatchObject({ state: 'open', statusStale: true })
    const before = http.requests.length
    clock.advance(1000)
    expect(monitor.getSnapshot()).toMatchObject({ state: 'polling', transport: 'polling', statusStale: false })
    expect(http.requests.length).toBe(before + 1)
    expect(mute.isClosed).toBe(true)
    expect(monitor.getSnapshot().nextSocketAttemptAt).not.toBeNull()
  })

  it('ignores a late 1006 from an old socket', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor({ random: () => 0 })
    monitor.start(CHANNEL_ID)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    const old = sockets.last
    const oldOnClose = old.onclose
    old.serverClose(1011) // polling now; retry opens a fresh socket
    monitor.retry()
    bringUp(sockets.last)
    clock.advance(2000)
    sockets.last.serverSend(statusFrame('waiting_payment'))
    oldOnClose?.({ code: 1006, reason: '', wasClean: false })
    expect(monitor.getSnapshot()).toMatchObject({ state: 'open', lastCloseCode: 1011 })
  })
})
