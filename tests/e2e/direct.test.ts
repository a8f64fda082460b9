/**
 * The app straight against the simulator (no proxy), in Chromium: page from a static server,
 * socket and REST cross-origin on the simulator. The first screen, and going offline. The healthy
 * path and a reload mid-payment run in every engine (engines.test.ts).
 */
import { describe, expect, it } from 'vitest'
import {
  expectOutcome,
  expectStoppedAtTerminal,
  waitForConnection,
  waitForProgress,
  waitForStatus,
} from './harness/cases'
import { useE2e } from './harness/fixture'
import { DIRECT } from './harness/stack'

const e2e = useE2e()

describe('direct to the simulator', () => {
  it('first screen: drawn by the entry, then taken over by the app without ever going blank', async () => {
    await e2e.withCase('first screen', DIRECT, async (c) => {
      // Notes, from before any script, whether the entry's first screen was ever in the document.
      await c.page.addInitScript(() => {
        const w = window as unknown as { __firstScreenSeen: boolean }
        w.__firstScreenSeen = false
        new MutationObserver(() => {
          if (document.querySelector('[data-first-screen] [data-testid="payment-status"]')) w.__firstScreenSeen = true
        }).observe(document, { subtree: true, childList: true, attributes: true })
      })
      const channelId = await c.sim.createChannel()
      await c.sim.advance(channelId, 'payment_detected')
      await c.sim.advance(channelId) // confirming 1/2
      await c.open(channelId)
      await waitForStatus(c.engine, 'confirming')
      // The app took over: its container has no first-screen mark, and its own parts are there.
      await c.page.locator('#app:not([data-first-screen]) [data-testid="payment-status"]').waitFor({ timeout: 5000 })
      await waitForConnection(c.engine, 'open', 'websocket')
      expect(await c.page.evaluate(() => (window as unknown as { __firstScreenSeen: boolean }).__firstScreenSeen)).toBe(true)
      // From the first status on, the status hook never went missing or empty.
      const snapshots = c.recorder.since(0)
      const first = snapshots.findIndex((s) => s.status === 'confirming')
      expect(first).toBeGreaterThanOrEqual(0)
      expect(snapshots.slice(first).map((s) => s.status)).not.toContain('')
      expect(snapshots.slice(first).map((s) => s.status)).not.toContain(null)
      // And it keeps moving live.
      await c.sim.advance(channelId) // confirming 2/2
      await waitForProgress(c.engine, 70)
    })
  })

  it('browser offline and back: catches up with what changed meanwhile', async () => {
    await e2e.withCase('offline', DIRECT, async (c) => {
      const channelId = await c.sim.createChannel()
      await c.open(channelId)
      await waitForStatus(c.engine, 'waiting_payment')
      await waitForConnection(c.engine, 'open', 'websocket')

      await c.context.setOffline(true)
      await c.page.waitForFunction(() => !navigator.onLine, undefined, { timeout: 5000 })
      await c.sim.advance(channelId, 'payment_detected')
      await c.sim.advance(channelId) // confirming 1/2
      await new Promise((resolve) => setTimeout(resolve, 1500))
      const logBefore = (await c.sim.log()).at(-1)?.seq ?? 0
      const mark = c.recorder.mark()
      const onlineAt = Date.now()
      await c.context.setOffline(false)

      // Back online the app refreshes at once, by poll, whatever the socket does meanwhile.
      await waitForProgress(c.engine, 55, 5000)
      await waitForStatus(c.engine, 'confirming')
      const firstPoll = (await c.sim.log(logBefore)).find((e) => e.kind === 'poll' && e.channelId === channelId)
      expect(firstPoll, 'a status poll after going online').toBeDefined()
      expect(Date.parse(firstPoll?.time ?? '') - onlineAt).toBeLessThan(1000)
      const shownAt = c.recorder.since(mark).find((s) => s.status === 'confirming')?.t ?? Number.POSITIVE_INFINITY
      expect(shownAt - onlineAt).toBeLessThan(1500)
      await waitForConnection(c.engine, 'open', 'websocket', 15_000)
      await c.sim.advance(channelId)
      await waitForProgress(c.engine, 70)
      await c.sim.advance(channelId)
      await waitForStatus(c.engine, 'creating_account')
      await c.sim.advance(channelId)
      await expectOutcome(c, { finalStatus: 'completed', seen: ['open/websocket'] })
      await expectStoppedAtTerminal(c)
    })
  })
})
