import { describe, expect, it } from 'vitest'
import { CHANNEL_ID, pollBody, statusFrame } from '../support/channel'
import { bringUp, createTestMonitor } from '../support/monitor'

function statusLines(monitor: ReturnType<typeof createTestMonitor>['monitor']): string[] {
  return monitor.getSnapshot().events.filter((e) => e.kind === 'status').map((e) => `${e.level}: ${e.message}`)
}

describe('the status board: what the page shows and what the log says about it', () => {
  it('logs each change of status or confirmations once, with "x of y" while confirming, and what it discarded', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    bringUp(sockets.last)
    clock.advance(1000)
    sockets.last.serverSend(statusFrame('confirming', {}, { confirmations: 1 }))
    clock.advance(1000)
    sockets.last.serverSend(statusFrame('confirming', {}, { confirmations: 1 }))
    sockets.last.serverSend(statusFrame('confirming', {}, { confirmations: 2 }))
    sockets.last.serverSend(statusFrame('waiting_payment'))
    const lines = statusLines(monitor)
    expect(lines.slice(0, 3)).toEqual([
      'info: Status none → waiting_payment (via poll)',
      'info: Status waiting_payment → confirming 1/2 (via websocket)',
      'info: Status confirming → confirming 2/2 (via websocket)',
    ])
    expect(lines.slice(3)).toHaveLength(1)
    expect(lines[3]).toMatch(/^info: Discarded websocket waiting_payment: .+/)
  })

  it('shows the poll’s confirmations required in the log', async () => {
    const { monitor, http } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await http.last.respond({ status: 200, body: pollBody('confirming', { confirmations: 1, confirmationsRequired: 3 }) })
    expect(statusLines(monitor)).toEqual(['info: Status none → confirming 1/3 (via poll)'])
  })

  it('dates the last update by the browser clock when a status is applied, not when one is discarded', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    expect(monitor.getSnapshot().lastUpdateAt).toBeNull()
    await http.last.respond({ status: 200, body: pollBody('pending') })
    const first = clock.now()
    expect(monitor.getSnapshot().lastUpdateAt).toBe(first)
    bringUp(sockets.last, 'confirming')
    clock.advance(3000)
    sockets.last.serverSend(statusFrame('confirming'))
    const applied = clock.now()
    expect(monitor.getSnapshot().lastUpdateAt).toBe(applied)
    clock.advance(3000)
    sockets.last.serverSend(statusFrame('waiting_payment')) // backwards: discarded
    expect(monitor.getSnapshot().lastUpdateAt).toBe(applied)
  })
})
