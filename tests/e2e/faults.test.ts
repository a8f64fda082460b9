/**
 * Every simulator fault (server/faultTable.ts), direct to the simulator. Faults that act on polls are
 * combined with a refused upgrade, so polling is what carries the payment.
 */
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  driveToCompletion,
  expectOutcome,
  expectStoppedAtTerminal,
  hold,
  msUntil,
  useE2e,
  waitForCloseCode,
  waitForConnection,
  waitForProgress,
  waitForStatus,
} from './harness/cases'
import { TIMING } from './harness/env'
import { DIRECT } from './harness/stack'
import { DEFAULTS } from '../../src/core/config'

const e2e = useE2e()

describe('simulator faults', () => {
  it('cut-after-welcome (the production flap): polling takes over, completed, last close 1006', async () => {
    await e2e.withCase('cut-after-welcome', DIRECT, async (c) => {
      await c.sim.fault('cut-after-welcome')
      const channelId = await c.sim.createChannel()
      await c.open(channelId)
      await waitForStatus(c.page, 'waiting_payment')
      await waitForConnection(c.page, 'polling', 'polling')
      await waitForCloseCode(c.page, 1006)
      await driveToCompletion(c, channelId)
      await expectStoppedAtTerminal(c)
      await expectOutcome(c, { finalStatus: 'completed', seen: ['polling/polling'], closeCode: '1006' })
    })
  })

  it('refuse-upgrade: never open, polling to completed, last close 1006', async () => {
    await e2e.withCase('refuse-upgrade', DIRECT, async (c) => {
      await c.sim.fault('refuse-upgrade')
      const channelId = await c.sim.createChannel()
      await c.open(channelId)
      await waitForStatus(c.page, 'waiting_payment')
      await waitForConnection(c.page, 'polling', 'polling')
      await driveToCompletion(c, channelId)
      await expectStoppedAtTerminal(c)
      await expectOutcome(c, {
        finalStatus: 'completed',
        seen: ['polling/polling'],
        neverSeen: ['open/websocket'],
        closeCode: '1006',
      })
    })
  })

  it('hang-handshake: the app gives up after its connect timeout, polls, and records no close of its own', async () => {
    await e2e.withCase('hang-handshake', DIRECT, async (c) => {
      await c.sim.fault('hang-handshake')
      const channelId = await c.sim.createChannel()
      const started = Date.now()
      await c.open(channelId)
      await waitForStatus(c.page, 'waiting_payment')
      await waitForConnection(c.page, 'polling', 'polling', TIMING.connectTimeoutMs + 5000)
      const toPolling = msUntil(c, started, (s) => s.state === 'polling')
      expect(toPolling, 'polling after the connect timeout').not.toBeNull()
      expect(toPolling ?? 0).toBeLessThan(TIMING.connectTimeoutMs + 3000)
      await driveToCompletion(c, channelId)
      await expectStoppedAtTerminal(c)
      // The app aborted the handshake itself: that close is not "the last close it did not ask for".
      await expectOutcome(c, { finalStatus: 'completed', seen: ['polling/polling'], neverSeen: ['open/websocket'], closeCode: '' })
    })
  })

  it('silent socket: the heartbeat catches it, status still reaches completed', async () => {
    await e2e.withCase('silent', DIRECT, async (c) => {
      const channelId = await c.sim.createChannel()
      await c.open(channelId)
      await waitForStatus(c.page, 'waiting_payment')
      await waitForConnection(c.page, 'open', 'websocket')
      const muted = Date.now()
      await c.sim.fault('silent', { channelId })
      // At most one ping period to the next ping, then the pong deadline.
      const budget = TIMING.heartbeatIntervalMs + TIMING.heartbeatTimeoutMs + 1500
      await c.page.waitForFunction(
        () => document.querySelector('[data-testid="connection-state"]')?.getAttribute('data-state') !== 'open',
        undefined,
        { timeout: budget },
      )
      const detected = msUntil(c, muted, (s) => s.state !== null && s.state !== 'open')
      expect(detected, 'heartbeat noticed the silent socket').not.toBeNull()
      expect(detected ?? Infinity).toBeLessThan(budget)
      await driveToCompletion(c, channelId, 15_000)
      await expectStoppedAtTerminal(c)
      await expectOutcome(c, { finalStatus: 'completed', seen: ['open/websocket'] })
    })
  })

  it('restart: 1012 shown, then back on the socket', async () => {
    await e2e.withCase('restart', DIRECT, async (c) => {
      const channelId = await c.sim.createChannel()
      await c.open(channelId)
      await waitForStatus(c.page, 'waiting_payment')
      await waitForConnection(c.page, 'open', 'websocket')
      const mark = c.recorder.mark()
      await c.sim.fault('restart', { durationMs: 1500 })
      await waitForCloseCode(c.page, 1012, 5000)
      await c.sim.advance(channelId) // payment_detected, while the server "restarts"
      // The app reconnects at a random moment of its restart window and does not poll before its
      // end, so the news can take the whole window (plus a handshake or a poll).
      await waitForStatus(c.page, 'payment_detected', DEFAULTS.restartReconnectWindowMs[1] + 5_000)
      await c.page.waitForFunction(
        () => {
          const el = document.querySelector('[data-testid="connection-state"]')
          return el?.getAttribute('data-state') === 'open' && el.getAttribute('data-transport') === 'websocket'
        },
        undefined,
        { timeout: 20_000 },
      )
      expect(c.recorder.connections(mark)).toContain('open/websocket')
      expect(c.recorder.maxWsAttempts()).toBeGreaterThanOrEqual(2)
      for (let step = 0; step < 4; step++) await c.sim.advance(channelId)
      await expectStoppedAtTerminal(c)
      await expectOutcome(c, { finalStatus: 'completed', seen: ['open/websocket'], closeCodeSeen: '1012' })
    })
  }, 90_000)

  it('malformed and hostile frames: dropped or shown as text, never run', async () => {
    await e2e.withCase('malformed-frames', DIRECT, async (c) => {
      const channelId = await c.sim.createChannel()
      await c.sim.fault('malformed-frames', { channelId })
      await c.open(channelId)
      await waitForStatus(c.page, 'waiting_payment')
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
      await waitForStatus(c.page, 'payment_detected')
      await hold(2500)
      expect(await c.page.locator('[data-testid="payment-status"]').getAttribute('data-status')).toBe('payment_detected')
      // Coming back online polls again: another stale answer racing the socket.
      await c.context.setOffline(true)
      await c.sim.advance(channelId) // confirming 1/2
      await c.context.setOffline(false)
      await waitForProgress(c.page, 55, 15_000)
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
      await waitForStatus(c.page, 'waiting_payment', 10_000)
      await waitForConnection(c.page, 'polling', 'polling')
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
      await waitForConnection(c.page, 'failed', undefined, 20_000)
      await c.page.locator('[data-testid="retry-button"]:enabled').waitFor({ timeout: 2000 })

      // Retry-After: 2 holds back every next poll (docs/protocol.md).
      const failedPolls = (await c.sim.log())
        .filter((entry) => entry.kind === 'poll' && entry.channelId === channelId && entry.httpStatus === 503)
        .map((entry) => Date.parse(entry.time))
      expect(failedPolls.length).toBeGreaterThanOrEqual(2)
      const gaps = failedPolls.slice(1).map((t, i) => t - (failedPolls[i] as number))
      expect(Math.min(...gaps), `gaps between 503s: ${gaps.join(', ')} ms`).toBeGreaterThanOrEqual(1900)

      await c.sim.fault(null, { channelId })
      await waitForStatus(c.page, 'waiting_payment', 15_000)
      await waitForConnection(c.page, 'polling', 'polling', 15_000)
      await driveToCompletion(c, channelId, 15_000)
      await expectStoppedAtTerminal(c)
      await expectOutcome(c, { finalStatus: 'completed', seen: ['polling/polling'], neverSeen: ['open/websocket'] })
    })
  })

  it('unknown channel: not_found and failed, then quiet (at most one request a minute)', async () => {
    await e2e.withCase('unknown-channel', DIRECT, async (c) => {
      const channelId = randomBytes(16).toString('hex') // the server's own id format, never created
      await c.open(channelId)
      await waitForStatus(c.page, 'not_found')
      await waitForConnection(c.page, 'failed', 'none')
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
      await waitForStatus(c.page, 'not_found')
      await waitForConnection(c.page, 'failed', 'none')
      await expectOutcome(c, { finalStatus: 'not_found', neverSeen: ['open/websocket'] })
    })
  })

  it('expired: shown as expired, monitoring stops', async () => {
    await e2e.withCase('expired', DIRECT, async (c) => {
      const channelId = await c.sim.createChannel()
      await c.sim.fault('expired', { channelId })
      await c.open(channelId)
      await waitForStatus(c.page, 'expired')
      await expectStoppedAtTerminal(c)
      // The app's own 1000 close at a terminal status is not recorded as "last close code".
      await expectOutcome(c, { finalStatus: 'expired', closeCode: '' })
      expect(c.recorder.statuses()).toEqual(['expired'])
    })
  })
})
