import { describe, expect, it } from 'vitest'
import { CHANNEL_ID, pollBody, statusFrame } from '../support/channel'
import { MemoryStorage, bringUp, createTestMonitor } from '../support/monitor'
import { SOCKET_MEMORY_KEYS } from '../../src/core/machine/socketMemory'

const FAILED_KEY = SOCKET_MEMORY_KEYS.failed

describe('starting to monitor a channel', () => {
  it('asks HTTP at once, in parallel with the first socket attempt', async () => {
    const { monitor, http, sockets } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    expect(monitor.getSnapshot()).toMatchObject({ state: 'connecting', transport: 'none' })
    expect(http.requests).toHaveLength(1)
    expect(sockets.sockets).toHaveLength(1)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    expect(monitor.getSnapshot().status?.code).toBe('waiting_payment')
    expect(monitor.getSnapshot().state).toBe('connecting')
  })

  it('asks HTTP again one period after the first request while the socket has not delivered status, then stops', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    clock.advance(100)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    sockets.last.serverOpen()
    sockets.last.welcome() // welcomed, but its status is still to come (it may take another 5 s)
    clock.advance(4899)
    expect(http.requests).toHaveLength(1)
    clock.advance(1) // a period after the first request: no gap after the first answer longer than that
    expect(http.requests).toHaveLength(2)
    expect(monitor.getSnapshot().state).toBe('connecting')
    await http.last.respond({ status: 200, body: pollBody('pending') })
    sockets.last.serverSend(statusFrame('waiting_payment'))
    expect(monitor.getSnapshot()).toMatchObject({ state: 'open', nextPollAt: null })
    clock.advance(10000)
    expect(http.requests).toHaveLength(2)
  })

  it('stops the start’s polls when the server restarts before the socket delivered status', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor({ random: () => 0.5, config: { restartReconnectWindowMs: [2000, 12000] } })
    monitor.start(CHANNEL_ID)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    sockets.last.serverOpen()
    sockets.last.welcome()
    sockets.last.serverClose(1012, 'Service restart')
    expect(monitor.getSnapshot()).toMatchObject({ state: 'connecting', nextPollAt: null })
    clock.advance(6999) // the reconnect is due at 7 s, the middle of the window
    expect(http.requests).toHaveLength(1)
  })

  it('goes open only once a welcomed socket has delivered a status, and asks HTTP nothing more while it delivers', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    sockets.last.serverOpen()
    sockets.last.welcome()
    expect(monitor.getSnapshot().state).toBe('connecting')
    sockets.last.serverSend(statusFrame('waiting_payment'))
    expect(monitor.getSnapshot()).toMatchObject({ state: 'open', transport: 'websocket', statusStale: false, nextPollAt: null })
    for (let i = 0; i < 30; i++) {
      clock.advance(10000) // the server's cadence
      sockets.last.serverSend(statusFrame('waiting_payment'))
    }
    expect(http.requests).toHaveLength(1)
    expect(sockets.last.sentOfType('ping')).toHaveLength(0)
  })

  it('remembers a failed socket in the tab: a reload polls at once and still probes', async () => {
    const storage = new MemoryStorage()
    const first = createTestMonitor({ storage })
    first.monitor.start(CHANNEL_ID)
    first.sockets.last.serverOpen()
    first.sockets.last.welcome()
    first.sockets.last.serverClose(1006)
    first.monitor.stop()

    const reload = createTestMonitor({ storage })
    reload.monitor.start(CHANNEL_ID)
    expect(reload.monitor.getSnapshot()).toMatchObject({ state: 'polling', transport: 'polling' })
    expect(reload.http.requests).toHaveLength(1)
    expect(reload.sockets.sockets).toHaveLength(1)
    // A socket that proves healthy clears the memory: nobody is pinned to polling.
    await reload.http.last.respond({ status: 200, body: pollBody('pending') })
    bringUp(reload.sockets.last)
    reload.clock.advance(4000)
    reload.sockets.last.serverSend(statusFrame('waiting_payment'))
    expect(storage.items.has(FAILED_KEY)).toBe(true)
    reload.clock.advance(2000)
    reload.sockets.last.serverSend(statusFrame('waiting_payment'))
    expect(storage.items.has(FAILED_KEY)).toBe(false)
  })
})
