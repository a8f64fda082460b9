import { describe, expect, it } from 'vitest'
import { CHANNEL_ID, pollBody, statusFrame } from '../support/channel'
import { createTestMonitor } from '../support/monitor'

describe('monitor lifespan', () => {
  it('leaves no timer, socket, request or listener behind after a thousand start/stop cycles', async () => {
    const { monitor, clock, sockets, http } = createTestMonitor()
    for (let i = 0; i < 1000; i++) {
      const unsubscribe = monitor.subscribe(() => undefined)
      monitor.start(CHANNEL_ID)
      const socket = sockets.last
      switch (i % 4) {
        case 0: // stopped while connecting
          break
        case 1: // stopped while open
          socket.serverOpen()
          socket.welcome()
          socket.serverSend(statusFrame('confirming'))
          await http.pending[0]?.respond({ status: 200, body: pollBody('confirming') })
          break
        case 2: // stopped while polling, with a request in flight and a reconnect pending
          socket.serverClose(1006)
          break
        case 3: // stopped after a heartbeat was sent
          socket.serverOpen()
          socket.welcome()
          clock.advance(25000)
          break
      }
      monitor.stop()
      unsubscribe()
    }
    expect(clock.pendingTimers).toBe(0)
    expect(sockets.openCount).toBe(0)
    expect(http.pending).toHaveLength(0)
    expect(monitor.listenerCount).toBe(0)
    expect(monitor.getSnapshot().state).toBe('idle')
    expect(monitor.getSnapshot().events.length).toBeLessThanOrEqual(200)
    expect(monitor.getSnapshot().attempts.length).toBeLessThanOrEqual(50)
  })

  it('sends nothing and changes nothing after stop, whatever the old socket or request does', async () => {
    const { monitor, clock, sockets, http } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    const socket = sockets.last
    const request = http.last
    const onmessage = socket.onmessage
    monitor.stop()
    const before = monitor.getSnapshot()
    onmessage?.({ data: JSON.stringify(statusFrame('completed')) })
    await request.respond({ status: 200, body: pollBody('completed') })
    clock.advance(120000)
    expect(monitor.getSnapshot().status).toBe(before.status)
    expect(sockets.sockets).toHaveLength(1)
    expect(http.requests).toHaveLength(1)
  })
})
