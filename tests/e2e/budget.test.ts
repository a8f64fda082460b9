/**
 * Time budget: with the socket upgrade refused, a status must be on screen within 3 s of
 * navigation (it takes a few hundred ms: the first HTTP fetch goes out in parallel with the socket).
 * Gross regressions only; `npm run bench` reports the real figures. And the start-up work the
 * entry does before the app loads is not done twice: the app adopts its request and socket.
 */
import { describe, expect, it } from 'vitest'
import { waitForStatus } from './harness/cases'
import { useE2e } from './harness/fixture'
import { DIRECT } from './harness/stack'

const e2e = useE2e()
const BUDGET_MS = 3000

describe('first status budget', () => {
  it('socket refused: first status within 3 s of navigation', async () => {
    await e2e.withCase('budget: first status, upgrade refused', DIRECT, async (c) => {
      const channelId = await c.sim.createChannel()
      await c.sim.fault('refuse-upgrade')
      await c.open(channelId)
      await waitForStatus(c.engine, 'waiting_payment', 10_000)
      const navigationStart = await c.page.evaluate(() => performance.timeOrigin)
      const shown = c.recorder.snapshots.find((s) => s.status !== null && s.status !== '')
      expect(shown, 'a status snapshot was recorded').toBeDefined()
      expect((shown?.t ?? Infinity) - navigationStart, 'navigation → first status (ms)').toBeLessThan(BUDGET_MS)
    })
  })
})

describe('start before the app', () => {
  it('the app adopts the request and socket the entry started: one status poll, one socket', async () => {
    await e2e.withCase('budget: one poll and one socket at start', DIRECT, async (c) => {
      const channelId = await c.sim.createChannel()
      const since = (await c.sim.log()).at(-1)?.seq ?? 0
      await c.open(channelId)
      await waitForStatus(c.engine, 'waiting_payment', 10_000)
      await c.page.waitForSelector('[data-testid="connection-state"][data-state="open"]', { timeout: 10_000 })
      const log = await c.sim.log(since)
      const polls = log.filter((e) => e.kind === 'poll' && e.channelId === channelId)
      const subscribes = log.filter((e) => e.kind === 'subscribe' && e.channelId === channelId)
      expect(polls, 'status polls of the channel').toHaveLength(1)
      expect(subscribes, 'sockets subscribed to the channel').toHaveLength(1)
      expect(log.filter((e) => e.kind === 'open'), 'sockets the server accepted').toHaveLength(1)
    })
  })
})
