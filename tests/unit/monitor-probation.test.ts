import { describe, expect, it } from 'vitest'
import { CHANNEL_ID, pollBody, statusFrame } from '../support/channel'
import { flush } from '../support/fetch'
import { answerAll, bringUp, createTestMonitor } from '../support/monitor'

/** Brings the monitor to polling with a probe socket scheduled, and returns a function that starts it. */
async function pollingWithProbe(random = () => 0) {
  const setup = createTestMonitor({ random })
  const { monitor, http, sockets, clock } = setup
  monitor.start(CHANNEL_ID)
  sockets.last.serverClose(1006)
  await answerAll(http)
  const runProbe = () => clock.advance(monitor.getSnapshot().nextSocketAttemptAt! - clock.now())
  return { ...setup, runProbe }
}

describe('coming back from polling to a probe socket', () => {
  it('keeps polling until the probe has delivered a status and stayed up 2 s, then stops polling', async () => {
    const { monitor, http, sockets, clock, runProbe } = await pollingWithProbe()
    runProbe()
    const probe = sockets.last
    probe.serverOpen()
    probe.welcome()
    probe.serverSend(statusFrame('waiting_payment'))
    expect(monitor.getSnapshot()).toMatchObject({ state: 'polling', transport: 'polling' })
    clock.advance(1999)
    expect(monitor.getSnapshot().state).toBe('polling')
    clock.advance(1)
    expect(monitor.getSnapshot()).toMatchObject({ state: 'open', transport: 'websocket', nextPollAt: null })
    await answerAll(http)
    const settled = http.requests.length
    for (let i = 0; i < 6; i++) {
      clock.advance(10000)
      probe.serverSend(statusFrame('waiting_payment'))
    }
    expect(http.requests.length).toBe(settled)
  })

  it('keeps polling when the probe sends a channel error frame during its probation, until it sends a status again', async () => {
    const { monitor, http, sockets, clock, runProbe } = await pollingWithProbe()
    runProbe()
    const probe = sockets.last
    bringUp(probe)
    probe.serverSend({ type: 'error', message: 'Failed to get channel status', channelId: CHANNEL_ID, timestamp: new Date().toISOString() })
    await answerAll(http)
    const before = http.requests.length
    clock.advance(2000)
    expect(monitor.getSnapshot()).toMatchObject({ state: 'polling', transport: 'polling' })
    for (let i = 0; i < 2; i++) {
      clock.advance(5000)
      await answerAll(http)
    }
    // The database is failing: the steady polls go on, one per poll interval.
    expect(http.requests.length - before).toBeGreaterThanOrEqual(2)
    // A status again (before the quiet socket is pinged): it has been up long enough to take over.
    probe.serverSend(statusFrame('waiting_payment'))
    expect(monitor.getSnapshot()).toMatchObject({ state: 'open', statusStale: false })
  })

  it('never shows "open" for a flapping probe (status, then 1006 within 2 s)', async () => {
    const { monitor, http, sockets, clock, runProbe } = await pollingWithProbe()
    const states = new Set<string>()
    monitor.subscribe((s) => states.add(s.state))
    for (let i = 0; i < 5; i++) {
      runProbe()
      bringUp(sockets.last)
      clock.advance(233)
      sockets.last.serverClose(1006)
      await answerAll(http)
    }
    expect(states.has('open')).toBe(false)
    expect(monitor.getSnapshot().state).toBe('polling')
  })

  it('a probe welcomed while everything failed, the poll answering first: entering open stops steady polling', async () => {
    const { monitor, http, sockets, clock, runProbe } = await pollingWithProbe()
    for (let i = 0; i < 3 && monitor.getSnapshot().state !== 'failed'; i++) {
      clock.advance(monitor.getSnapshot().nextPollAt! - clock.now())
      await http.lastPending.fail()
    }
    expect(monitor.getSnapshot()).toMatchObject({ state: 'failed', failureReason: 'unreachable' })
    if (sockets.last.isClosed) {
      runProbe()
      await flush() // a poll timed out meanwhile reports its failure
    }
    const probe = sockets.last
    probe.serverOpen()
    probe.welcome()
    monitor.setVisible(false)
    monitor.setVisible(true) // a poll now
    await http.lastPending.respond({ status: 200, body: pollBody('pending') }) // the poll answers before the probe's status
    probe.serverSend(statusFrame('waiting_payment'))
    clock.advance(2000)
    expect(monitor.getSnapshot()).toMatchObject({ state: 'open', transport: 'websocket', failureReason: null, nextPollAt: null })
    await answerAll(http)
    const settled = http.requests.length
    clock.advance(9000)
    expect(http.requests.length).toBe(settled)
  })
})
