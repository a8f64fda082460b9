import { describe, expect, it } from 'vitest'
import { CHANNEL_ID, statusFrame } from '../support/channel'
import { MemoryStorage, answerAll, bringUp, createTestMonitor } from '../support/monitor'
import { SOCKET_MEMORY_KEYS } from '../../src/core/machine/socketMemory'

const FAILED_KEY = SOCKET_MEMORY_KEYS.failed

const STABLE_AFTER_MS = 5000

/** A socket that delivered status and stayed up `lifetimeMs`, then was cut (1006); returns the tab's storage. */
async function socketThatLived(lifetimeMs: number) {
  const storage = new MemoryStorage()
  const setup = createTestMonitor({ storage, random: () => 0 })
  setup.monitor.start(CHANNEL_ID)
  await answerAll(setup.http)
  bringUp(setup.sockets.last)
  setup.clock.advance(lifetimeMs)
  setup.sockets.last.serverClose(1006)
  return { ...setup, storage }
}

describe('what the tab remembers about the socket, and the backoff after a long-lived one', () => {
  it('a socket cut before it was stable is remembered: a reload starts by polling', async () => {
    const { storage } = await socketThatLived(STABLE_AFTER_MS - 1)
    expect(storage.items.has(FAILED_KEY)).toBe(true)
    const reload = createTestMonitor({ storage })
    reload.monitor.start(CHANNEL_ID)
    expect(reload.monitor.getSnapshot().state).toBe('polling')
  })

  it('a socket that stayed up the stable time is not held against the tab: a reload starts by socket', async () => {
    const { storage } = await socketThatLived(STABLE_AFTER_MS)
    expect(storage.items.has(FAILED_KEY)).toBe(false)
    const reload = createTestMonitor({ storage })
    reload.monitor.start(CHANNEL_ID)
    expect(reload.monitor.getSnapshot().state).toBe('connecting')
  })

  it('a mute socket (its first status, then pongs only for 25 s) is remembered: a reload starts by polling', async () => {
    const storage = new MemoryStorage()
    const { monitor, http, sockets, clock } = createTestMonitor({ storage, random: () => 0 })
    monitor.start(CHANNEL_ID)
    await answerAll(http)
    bringUp(sockets.last)
    const mute = sockets.last
    for (let second = 1; second <= 25 && !mute.isClosed; second++) {
      clock.advance(1000)
      if (mute.sentOfType('ping').length > 0) mute.serverSend({ type: 'pong', timestamp: new Date(clock.now()).toISOString() })
      await answerAll(http)
    }
    expect(mute.isClosed).toBe(true)
    expect(storage.items.has(FAILED_KEY)).toBe(true)
    const reload = createTestMonitor({ storage })
    reload.monitor.start(CHANNEL_ID)
    expect(reload.monitor.getSnapshot().state).toBe('polling')
  })

  it('a socket that never delivered a status is remembered as failed, even after the stable time', async () => {
    const storage = new MemoryStorage()
    const { monitor, sockets, clock, http } = createTestMonitor({ storage, random: () => 0 })
    monitor.start(CHANNEL_ID)
    await answerAll(http)
    sockets.last.serverOpen()
    sockets.last.welcome()
    clock.advance(STABLE_AFTER_MS) // welcomed, subscribed, but no status within the connect timeout
    expect(monitor.getSnapshot().attempts[0]).toMatchObject({ failed: true, lifetimeMs: STABLE_AFTER_MS })
    expect(storage.items.has(FAILED_KEY)).toBe(true)
  })

  it('a stable socket resets the backoff: after it, the next attempt comes at the base delay again', async () => {
    const { monitor, sockets, clock, http } = createTestMonitor({ random: () => 1 - 1e-9 })
    monitor.start(CHANNEL_ID)
    await answerAll(http)
    for (let i = 0; i < 3; i++) {
      sockets.last.serverClose(1006)
      clock.advance(monitor.getSnapshot().nextSocketAttemptAt! - clock.now())
    }
    bringUp(sockets.last)
    clock.advance(STABLE_AFTER_MS)
    sockets.last.serverSend({ type: 'pong', timestamp: new Date(clock.now()).toISOString() })
    sockets.last.serverClose(1006)
    expect(monitor.getSnapshot().nextSocketAttemptAt! - clock.now()).toBe(2000)
  })

  it('forgets an old failure as soon as the socket has been up the stable time, not a moment before', async () => {
    const storage = new MemoryStorage()
    storage.setItem(FAILED_KEY, '1')
    const { monitor, sockets, clock, http } = createTestMonitor({ storage })
    monitor.start(CHANNEL_ID)
    await answerAll(http)
    bringUp(sockets.last)
    clock.advance(STABLE_AFTER_MS - 1)
    sockets.last.serverSend(statusFrame('waiting_payment'))
    expect(storage.items.has(FAILED_KEY)).toBe(true)
    monitor.retry() // a healthy socket is refreshed with a ping
    clock.advance(1)
    sockets.last.serverSend({ type: 'pong', timestamp: new Date(clock.now()).toISOString() }) // the answer to a ping proves health too
    expect(storage.items.has(FAILED_KEY)).toBe(false)
  })

  it('records the round trip of the current socket’s pong', async () => {
    const { monitor, sockets, clock, http } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await answerAll(http)
    bringUp(sockets.last)
    monitor.retry() // a healthy socket is refreshed with a ping
    clock.advance(120)
    sockets.last.serverSend({ type: 'pong', timestamp: new Date(clock.now()).toISOString() })
    expect(monitor.getSnapshot().rttMs).toBe(120)
  })
})

describe('liveness settings', () => {
  it('are capped by the server’s 10 s cadence: a build asking for 30 s / 10 s still catches a silent socket in 20 s', async () => {
    const { monitor, sockets, clock, http } = createTestMonitor({ config: { heartbeatIntervalMs: 30000, heartbeatTimeoutMs: 10000 } })
    monitor.start(CHANNEL_ID)
    await answerAll(http)
    bringUp(sockets.last)
    expect(monitor.getSnapshot()).toMatchObject({ heartbeatIntervalMs: 15000, heartbeatTimeoutMs: 5000 })
    clock.advance(20000)
    expect(monitor.getSnapshot().state).toBe('polling')
  })

  it('keep a build’s shorter settings', async () => {
    const { monitor, sockets, clock, http } = createTestMonitor({ config: { heartbeatIntervalMs: 8000, heartbeatTimeoutMs: 2000 } })
    monitor.start(CHANNEL_ID)
    await answerAll(http)
    bringUp(sockets.last)
    expect(monitor.getSnapshot()).toMatchObject({ heartbeatIntervalMs: 8000, heartbeatTimeoutMs: 2000 })
    clock.advance(8000)
    expect(sockets.last.sentOfType('ping')).toHaveLength(1)
    clock.advance(2000)
    expect(monitor.getSnapshot().state).toBe('polling')
  })
})

describe('the probation of a probe socket', () => {
  it('counts from when the probe opened, not from its first status', async () => {
    const { monitor, sockets, clock, http } = createTestMonitor({ random: () => 0 })
    monitor.start(CHANNEL_ID)
    sockets.last.serverClose(1006)
    await answerAll(http)
    clock.advance(monitor.getSnapshot().nextSocketAttemptAt! - clock.now())
    await answerAll(http)
    const probe = sockets.last
    probe.serverOpen()
    probe.welcome()
    clock.advance(1000)
    probe.serverSend(statusFrame('waiting_payment'))
    clock.advance(999)
    expect(monitor.getSnapshot().state).toBe('polling')
    clock.advance(1)
    expect(monitor.getSnapshot().state).toBe('open')
  })
})
