/**
 * Every simulator fault (server/faultTable.ts), direct to the simulator, in Chromium. Faults that act
 * on polls are combined with a refused upgrade, so polling is what carries the payment. The 1006
 * flap (cut-after-welcome), the refused upgrade, the hung handshake and the restart run in every
 * engine (engines.test.ts).
 */
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  driveToCompletion,
  expectOutcome,
  expectStoppedAtTerminal,
  hold,
  msUntil,
  waitForConnection,
  waitForProgress,
  waitForStatus,
} from './harness/cases'
import { useE2e } from './harness/fixture'
import { TIMING } from './harness/env'
import { DIRECT } from './harness/stack'

const e2e = useE2e()

describe('simulator faults', () => {
  it('silent socket: the heartbeat catches it, status still reaches completed', async () => {
    await e2e.withCase('silent', DIRECT, async (c) => {
      const channelId = await c.sim.createChannel()
      await c.open(channelId)
      await waitForStatus(c.engine, 'waiting_payment')
      await waitForConnection(c.engine, 'open', 'websocket')
      const muted = Date.now()
      await c.sim.fault('silent', { channelId })
      // At most one ping period to the next ping, then the pong deadline.
      const budget = TIMING.heartbeatIntervalMs + TIMING.heartbeatTimeoutMs + 1500
      await c.page.waitForFunction(
        () => document.querySelector('[data-testid="connection-state"]')?.getAttribute('data-state') !== 'open',
        undefined,
        { timeout: budget },
      )
      const detected = await msUntil(c, muted, (s) => s.state !== null && s.state !== 'open')
      expect(detected, 'heartbeat noticed the silent socket').not.toBeNull()
      expect(detected ?? Infinity).toBeLessThan(budget)
      await driveToCompletion(c, channelId, 15_000)
      await expectStoppedAtTerminal(c)
      await expectOutcome(c, { finalStatus: 'completed', seen: ['open/websocket'] })
    })
  })

  it('malformed and hostile frames: dropped or shown as text, never run', async () => {
    await e2e.withCase('malformed-frames', DIRECT, async (c) => {
      const channelId = await c.sim.createChannel()
      await c.sim.fault('malformed-frames', { channelId })
      await c.open(channelId)
      await waitForStatus(c.engine, 'waiting_payment')
      // The burst holds a well-formed `completed` for another channel: it must not be applied.
      await hold(1000)
      expect(c.recorder.statuses()).toEqual(['waiting_payment'])
      await driveToCompletion(c, channelId)
      await expectStoppedAtTerminal(c)
      await expectOutcome(c, { finalStatus: 'completed' })
      const injected = await c.page.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: unknown }).__pwned,
        imgX: document.querySelectorAll('#app img[src="x"]').length,
        scripts: document.querySelectorAll('#app script').length,
        jsLinks: document.querySelectorAll('#app a[href^="javascript:"]').length,
        inlineHandlers: [...document.querySelectorAll('#app *')].filter((el) =>
          [...el.attributes].some((attr) => attr.name.startsWith('on')),
        ).length,
      }))
      expect(injected).toEqual({ pwned: undefined, imgX: 0, scripts: 0, jsLinks: 0, inlineHandlers: 0 })
    })
  })

  it('out-of-order polls: a stale poll answer never moves the status back', async () => {
    await e2e.withCase('out-of-order-polls', DIRECT, async (c) => {
      const channelId = await c.sim.createChannel()
      await c.sim.advance(channelId) // payment_detected before the page opens
      await c.sim.fault('out-of-order-polls', { channelId })
      await c.open(channelId)
      // The socket shows payment_detected at once; the first poll answers 1.5 s later with the
      // snapshot before it (waiting_payment).
      await waitForStatus(c.engine, 'payment_detected')
      await hold(2500)
      expect(await c.page.locator('[data-testid="payment-status"]').getAttribute('data-status')).toBe('payment_detected')
      // Coming back online polls again: another stale answer racing the socket.
      await c.context.setOffline(true)
      await c.sim.advance(channelId) // confirming 1/2
      await c.context.setOffline(false)
      await waitForProgress(c.engine, 55, 15_000)
      await hold(2000)
      for (let step = 0; step < 3; step++) {
        await c.sim.advance(channelId)
        await hold(300)
      }
      await expectStoppedAtTerminal(c)
      await expectOutcome(c, { finalStatus: 'completed' })
    })
  })

  it('slow-poll: polling with slow answers still reaches completed', async () => {
    await e2e.withCase('slow-poll', DIRECT, async (c) => {
      await c.sim.fault('refuse-upgrade')
      const channelId = await c.sim.createChannel()
      await c.sim.fault('slow-poll', { channelId })
      await c.open(channelId)
      await waitForStatus(c.engine, 'waiting_payment', 10_000)
      await waitForConnection(c.engine, 'polling', 'polling')
      await driveToCompletion(c, channelId, 15_000)
      await expectStoppedAtTerminal(c)
      await expectOutcome(c, { finalStatus: 'completed', seen: ['polling/polling'], neverSeen: ['open/websocket'] })
    })
  })

  it('poll-5xx: Retry-After honoured, failed when nothing delivers, recovers when the API does', async () => {
    await e2e.withCase('poll-5xx', DIRECT, async (c) => {
      await c.sim.fault('refuse-upgrade')
      const channelId = await c.sim.createChannel()
      await c.sim.fault('poll-5xx', { channelId })
      await c.open(channelId)
      await waitForConnection(c.engine, 'failed', undefined, 20_000)
      await c.page.locator('[data-testid="retry-button"]:enabled').waitFor({ timeout: 2000 })

      // Retry-After: 2 holds back every next poll (docs/protocol.md).
      const failedPolls = (await c.sim.log())
        .filter((entry) => entry.kind === 'poll' && entry.channelId === channelId && entry.httpStatus === 503)
        .map((entry) => Date.parse(entry.time))
      expect(failedPolls.length).toBeGreaterThanOrEqual(2)
      const gaps = failedPolls.slice(1).map((t, i) => t - (failedPolls[i] as number))
      expect(Math.min(...gaps), `gaps between 503s: ${gaps.join(', ')} ms`).toBeGreaterThanOrEqual(1900)

      await c.sim.fault(null, { channelId })
      await waitForStatus(c.engine, 'waiting_payment', 15_000)
      await waitForConnection(c.engine, 'polling', 'polling', 15_000)
      await driveToCompletion(c, channelId, 15_000)
      await expectStoppedAtTerminal(c)
      await expectOutcome(c, { finalStatus: 'completed', seen: ['polling/polling'], neverSeen: ['open/websocket'] })
    })
  })

  it('unknown channel: not_found and failed, then quiet (at most one request a minute)', async () => {
    await e2e.withCase('unknown-channel', DIRECT, async (c) => {
      const channelId = randomBytes(16).toString('hex') // the server's own id format, never created
      await c.open(channelId)
      await waitForStatus(c.engine, 'not_found')
      await waitForConnection(c.engine, 'failed', 'none')
      const settled = (await c.sim.log()).at(-1)?.seq ?? 0
      await hold(4000)
      const later = (await c.sim.log(settled)).filter((e) => e.channelId === channelId && (e.kind === 'poll' || e.kind === 'subscribe'))
      expect(later, 'requests after not_found').toEqual([])
      await expectOutcome(c, { finalStatus: 'not_found', closeCode: '' })
    })
  })

  it('unknown-channel fault on a live channel: not_found and failed', async () => {
    await e2e.withCase('unknown-channel fault', DIRECT, async (c) => {
      const channelId = await c.sim.createChannel()
      await c.sim.fault('unknown-channel', { channelId })
      await c.open(channelId)
      await waitForStatus(c.engine, 'not_found')
      await waitForConnection(c.engine, 'failed', 'none')
      await expectOutcome(c, { finalStatus: 'not_found', neverSeen: ['open/websocket'] })
    })
  })

  it('expired: shown as expired, monitoring stops', async () => {
    await e2e.withCase('expired', DIRECT, async (c) => {
      const channelId = await c.sim.createChannel()
      await c.sim.fault('expired', { channelId })
      await c.open(channelId)
      await waitForStatus(c.engine, 'expired')
      await expectStoppedAtTerminal(c)
      // The app's own 1000 close at a terminal status is not recorded as "last close code".
      await expectOutcome(c, { finalStatus: 'expired', closeCode: '' })
      expect(c.recorder.statuses()).toEqual(['expired'])
    })
  })
})
