import { describe, expect, it } from 'vitest'
import { CHANNEL_ID, pollBody } from '../support/channel'
import { NOT_FOUND_ANSWER, answerAll, bringUp, createTestMonitor } from '../support/monitor'

/** The event log is what a developer reads to find out what went wrong: each step says what and why. */
function messages(monitor: ReturnType<typeof createTestMonitor>['monitor']): string[] {
  return monitor.getSnapshot().events.map((e) => `${e.kind}/${e.level}: ${e.message}`)
}

describe('the event log of the connection policy', () => {
  it('tells the production flap in order: start, the 1006, polling, a manual retry, the socket back, stop', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor({ random: () => 0 })
    monitor.start(CHANNEL_ID)
    await answerAll(http)
    sockets.last.serverOpen()
    sockets.last.welcome()
    sockets.last.serverClose(1006)
    await answerAll(http)
    monitor.retry()
    bringUp(sockets.last)
    clock.advance(2000)
    await answerAll(http)
    monitor.retry()
    monitor.stop()
    monitor.stop()
    const log = messages(monitor)
    const expected = [
      'command/info: Monitoring channel 012345…cdef',
      'state/info: idle → connecting (start)',
      'state/info: connecting → polling (socket closed 1006)',
      'command/info: Manual retry: backoff reset, trying the socket now',
      'state/info: polling → open (the socket delivers status)',
      'command/info: Manual retry: the socket is healthy, refreshing it',
      'command/info: Monitoring stopped',
      'state/info: open → idle (stop)',
    ]
    expect(log.filter((line) => expected.includes(line))).toEqual(expected)
    expect(log.filter((line) => line === 'command/info: Monitoring stopped')).toHaveLength(1) // stopping twice is one stop
  })

  it('says why monitoring paused for a channel that does not exist, and when it resumes', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    bringUp(sockets.last)
    await http.last.respond(NOT_FOUND_ANSWER)
    expect(messages(monitor)).toContain('poll/warn: The poll says the channel is not found, but the socket delivers its status: trusting the socket')
    sockets.last.serverSend({ type: 'error', message: 'Failed to get channel status', details: 'db down', channelId: CHANNEL_ID, timestamp: new Date().toISOString() })
    expect(messages(monitor)).toContain('server-error/warn: Server error frame: "Failed to get channel status" (db down)')
    await http.last.respond(NOT_FOUND_ANSWER)
    clock.advance(60000)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    const log = messages(monitor)
    expect(log).toContain('poll/error: Payment channel not found: monitoring paused, checking again once a minute')
    expect(log).toContain('state/info: open → failed (not found) (channel not found)')
    expect(log).toContain('state/info: failed (not found) → connecting (the channel exists now)')
  })

  it('quotes a server error frame as sent (details bounded to 200 characters) and names a manual retry', async () => {
    const { monitor, http, sockets } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await answerAll(http)
    bringUp(sockets.last)
    sockets.last.serverSend({ type: 'error', message: 'Rate limited', channelId: CHANNEL_ID, timestamp: new Date().toISOString() })
    sockets.last.serverSend({ type: 'error', message: 'Oops', details: 'd'.repeat(300), channelId: CHANNEL_ID, timestamp: new Date().toISOString() })
    expect(messages(monitor)).toEqual(
      expect.arrayContaining(['server-error/warn: Server error frame: "Rate limited"', `server-error/warn: Server error frame: "Oops" (${'d'.repeat(200)})`]),
    )
    sockets.last.serverSend({ type: 'error', message: 'Payment channel not found', channelId: CHANNEL_ID, timestamp: new Date().toISOString() })
    await http.last.respond(NOT_FOUND_ANSWER)
    monitor.retry()
    expect(messages(monitor)).toContain('state/info: failed (not found) → connecting (manual retry)')
  })

  it('names the close code of a server going away, and a failure inside its restart window', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor({ random: () => 0 })
    monitor.start(CHANNEL_ID)
    await answerAll(http)
    bringUp(sockets.last)
    sockets.last.serverClose(1012, 'restarting')
    clock.advance(monitor.getSnapshot().nextSocketAttemptAt! - clock.now())
    sockets.last.serverClose(1006)
    expect(messages(monitor)).toContain('state/info: open → connecting (server going away (closed 1012))')
    expect(messages(monitor)).toContain('socket/info: Socket closed 1006 while the server restarts: trying again within its window')
    expect(messages(monitor)).toEqual(
      expect.arrayContaining(['socket/info: Next socket attempt in 2.0 s (spread after a server restart)', 'socket/info: Next socket attempt in 0.5 s']),
    )
  })

  it('names a client-side failure, the failed polls and the end of the payment', async () => {
    const { monitor, http, clock } = createTestMonitor({ random: () => 0 })
    monitor.start(CHANNEL_ID)
    await answerAll(http)
    clock.advance(5000) // the handshake never completes: a client reason, not a close code
    expect(messages(monitor)).toContain('state/info: connecting → polling (socket connect timeout)')
    for (let i = 0; i < 3; i++) {
      for (const request of http.pending) await request.respond({ status: 500, body: 'oops' })
      if (i < 2) clock.advance(monitor.getSnapshot().nextPollAt! - clock.now())
    }
    expect(messages(monitor).some((line) => /^state\/info: polling → failed \(unreachable\) \(3 polls failed in a row \(.+\)\)$/.test(line))).toBe(true)
    clock.advance(monitor.getSnapshot().nextPollAt! - clock.now())
    await http.lastPending.respond({ status: 200, body: pollBody('pending') })
    expect(messages(monitor)).toContain('state/info: failed (unreachable) → polling (poll succeeded)')
    clock.advance(monitor.getSnapshot().nextPollAt! - clock.now())
    await http.lastPending.respond({ status: 200, body: pollBody('completed') })
    expect(messages(monitor)).toContain('status/info: Payment completed: monitoring stops')
    expect(messages(monitor)).toContain('state/info: polling → idle (payment completed)')
    monitor.retry()
    expect(messages(monitor)).toContain('command/info: Retry ignored: the payment is completed, which is final')
  })

  it('says a retry without a channel does nothing, and a tab that failed before starts by polling', () => {
    const first = createTestMonitor()
    first.monitor.retry()
    expect(messages(first.monitor)).toContain('command/warn: Retry ignored: no channel is being monitored')
    first.monitor.start(CHANNEL_ID)
    first.sockets.last.serverClose(1006)
    const reload = createTestMonitor({ storage: first.storage })
    reload.monitor.start('short-id')
    expect(messages(reload.monitor)).toEqual(
      expect.arrayContaining(['command/info: Monitoring channel short-id', 'state/info: idle → polling (the socket failed earlier in this tab)']),
    )
    reload.monitor.start(CHANNEL_ID)
    expect(messages(reload.monitor)).toContain('state/info: polling → idle (another channel)')
  })

  it('shortens only channel ids longer than 12 characters', () => {
    const exact = createTestMonitor()
    exact.monitor.start('abcdefghijkl')
    expect(messages(exact.monitor)).toContain('command/info: Monitoring channel abcdefghijkl')
    const longer = createTestMonitor()
    longer.monitor.start('abcdefghijklm')
    expect(messages(longer.monitor)).toContain('command/info: Monitoring channel abcdef…jklm')
  })
})
