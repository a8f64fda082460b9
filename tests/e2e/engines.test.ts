/**
 * The cases that matter most to a payer, in the three engines payers use: Chromium (Chrome,
 * Android), Firefox (ESR, over WebDriver BiDi) and WebKit (Safari and every iOS browser; WebKitGTK
 * over classic WebDriver). Each case is written once against the engine page
 * (tools/browser/enginePage.ts) and runs in every engine: a payment, the 1006 flap and a refused
 * upgrade (polling carries the payment), a hung handshake, a server restart, a reload mid-payment,
 * and axe.
 *
 * What runs in Chromium only, and why, is listed in tests/e2e/README.md.
 */
import { describe, expect, it } from 'vitest'
import type { EngineName } from '../../tools/browser/enginePage'
import { DEFAULTS } from '../../src/core/config'
import { TIMING } from './harness/env'
import { axeViolations } from './harness/axe'
import {
  driveToCompletion,
  expectOutcome,
  expectSocketThroughout,
  expectStoppedAtTerminal,
  msUntil,
  waitForCloseCode,
  waitForConnection,
  waitForProgress,
  waitForSelector,
  waitForStatus,
} from './harness/cases'
import { useEngine, type EngineCase } from './harness/fixture'
import { DIRECT } from './harness/stack'

const ENGINES: readonly EngineName[] = ['chromium', 'firefox', 'webkit']

/**
 * The close code a page sees when the server restarts (it sends 1012, Service Restart). WebKitGTK
 * carries WebSockets on libsoup, which takes any code from 1012 to 2999 for a protocol error: it
 * answers 1002 and the page sees 1006. (Safari on Apple systems has another network stack.) The app
 * treats that 1006 like any other: polling at once, then back on a socket.
 */
const RESTART_CLOSE_CODE: Record<EngineName, number> = { chromium: 1012, firefox: 1012, webkit: 1006 }

const PHONE = { width: 390, height: 844 }
const DESKTOP = { width: 1280, height: 900 }

/** axe at a phone's and a desktop's size on the page as it stands; every violation listed. */
async function expectAccessible(c: EngineCase, state: string): Promise<void> {
  const found: string[] = []
  for (const [look, size] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    const got = await c.engine.setViewport(size)
    // Let layout and transitions settle at the new size.
    await new Promise((resolve) => setTimeout(resolve, 100))
    for (const line of await axeViolations(c.engine)) found.push(`${state}, ${look} ${got.width}×${got.height}: ${line}`)
  }
  expect(found, found.join('\n')).toEqual([])
}

describe.each(ENGINES)('%s', (engine) => {
  const e2e = useEngine(engine)

  it('payment: open/websocket throughout, every update shown', async () => {
    await e2e.withCase('payment', DIRECT, async (c) => {
      const channelId = await c.sim.createChannel()
      await c.open(channelId)
      await waitForStatus(c.engine, 'waiting_payment')
      await waitForConnection(c.engine, 'open', 'websocket')
      await driveToCompletion(c, channelId)
      await expectStoppedAtTerminal(c)
      await expectOutcome(c, { finalStatus: 'completed', seen: ['open/websocket'], closeCode: '' })
      await expectSocketThroughout(c)
      expect(c.recorder.statuses()).toEqual(['waiting_payment', 'payment_detected', 'confirming', 'creating_account', 'completed'])
    })
  })

  it('cut-after-welcome (the production flap): polling takes over, completed, last close 1006', async () => {
    await e2e.withCase('cut-after-welcome', DIRECT, async (c) => {
      await c.sim.fault('cut-after-welcome')
      const channelId = await c.sim.createChannel()
      await c.open(channelId)
      await waitForStatus(c.engine, 'waiting_payment')
      await waitForConnection(c.engine, 'polling', 'polling')
      await waitForCloseCode(c.engine, 1006)
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
      await waitForStatus(c.engine, 'waiting_payment')
      await waitForConnection(c.engine, 'polling', 'polling')
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

  // The page's side only. Whether the stalled connection itself is closed is not checked (the
  // simulator does not report when a hanging handshake's TCP connection ends), and could not be in
  // Firefox: it keeps that connection open after the page closes the socket. Chromium and WebKit
  // close it.
  it('hang-handshake: the app gives up after its connect timeout, polls, and records no close of its own', async () => {
    await e2e.withCase('hang-handshake', DIRECT, async (c) => {
      await c.sim.fault('hang-handshake')
      const channelId = await c.sim.createChannel()
      const started = Date.now()
      await c.open(channelId)
      await waitForStatus(c.engine, 'waiting_payment')
      await waitForConnection(c.engine, 'polling', 'polling', TIMING.connectTimeoutMs + 5000)
      const toPolling = await msUntil(c, started, (s) => s.state === 'polling')
      expect(toPolling, 'polling after the connect timeout').not.toBeNull()
      expect(toPolling ?? 0).toBeLessThan(TIMING.connectTimeoutMs + 3000)
      await driveToCompletion(c, channelId)
      await expectStoppedAtTerminal(c)
      // The app aborted the handshake itself: that close is not "the last close it did not ask for".
      await expectOutcome(c, { finalStatus: 'completed', seen: ['polling/polling'], neverSeen: ['open/websocket'], closeCode: '' })
    })
  })

  it(`restart: ${RESTART_CLOSE_CODE[engine]} shown, then back on the socket`, async () => {
    await e2e.withCase('restart', DIRECT, async (c) => {
      const channelId = await c.sim.createChannel()
      await c.open(channelId)
      await waitForStatus(c.engine, 'waiting_payment')
      await waitForConnection(c.engine, 'open', 'websocket')
      await c.engine.syncRecorder()
      const mark = c.recorder.mark()
      await c.sim.fault('restart', { durationMs: 1500 })
      await waitForCloseCode(c.engine, RESTART_CLOSE_CODE[engine], 5000)
      await c.sim.advance(channelId) // payment_detected, while the server "restarts"
      // The app reconnects at a random moment of its restart window and does not poll before its
      // end, so the news can take the whole window (plus a handshake or a poll).
      await waitForStatus(c.engine, 'payment_detected', DEFAULTS.restartReconnectWindowMs[1] + 5_000)
      await waitForConnection(c.engine, 'open', 'websocket', 20_000)
      await c.engine.syncRecorder()
      expect(c.recorder.connections(mark)).toContain('open/websocket')
      expect(c.recorder.maxWsAttempts()).toBeGreaterThanOrEqual(2)
      for (let step = 0; step < 4; step++) await c.sim.advance(channelId)
      await expectStoppedAtTerminal(c)
      await expectOutcome(c, { finalStatus: 'completed', seen: ['open/websocket'], closeCodeSeen: String(RESTART_CLOSE_CODE[engine]) })
    })
  }, 90_000)

  it('reload mid-payment: the status is back within one round trip', async () => {
    await e2e.withCase('reload', DIRECT, async (c) => {
      const channelId = await c.sim.createChannel()
      await c.open(channelId)
      await waitForConnection(c.engine, 'open', 'websocket')
      await c.sim.advance(channelId, 'payment_detected')
      await c.sim.advance(channelId) // confirming 1/2
      await waitForProgress(c.engine, 55)

      const before = Date.now()
      await c.engine.reload()
      await waitForStatus(c.engine, 'confirming', 5000)
      const afterReload = Date.now() - before
      // Page load, socket handshake, welcome (~150 ms), subscribe, first frame; or the first poll.
      expect(afterReload, 'status shown again after reload (ms)').toBeLessThan(2500)
      await waitForConnection(c.engine, 'open', 'websocket')

      await c.sim.advance(channelId) // confirming 2/2
      await waitForProgress(c.engine, 70)
      await c.sim.advance(channelId)
      await waitForStatus(c.engine, 'creating_account')
      await c.sim.advance(channelId)
      await expectOutcome(c, { finalStatus: 'completed', seen: ['open/websocket'], closeCode: '' })
      await expectStoppedAtTerminal(c)
    })
  })

  it('axe: waiting to pay, and completed', async () => {
    await e2e.withCase('axe', DIRECT, async (c) => {
      const channelId = await c.sim.createChannel({ currency: 'MATIC' })
      await c.open(channelId)
      await waitForStatus(c.engine, 'waiting_payment')
      await waitForSelector(c.engine, '[data-testid="payment-qr"]')
      await expectAccessible(c, 'waiting')
      await c.sim.advance(channelId, 'payment_detected')
      await c.sim.advance(channelId, 'completed')
      await waitForStatus(c.engine, 'completed', 15_000)
      await waitForSelector(c.engine, '[data-testid="payment-receipt"]')
      await expectAccessible(c, 'completed')
    })
  })
})
