/** The app behind Caddy with deploy/Caddyfile as shipped. */
import { describe, it } from 'vitest'
import {
  driveToCompletion,
  expectOutcome,
  expectSocketThroughout,
  expectStoppedAtTerminal,
  hold,
  useE2e,
  waitForConnection,
  waitForStatus,
} from './harness/cases'
import { TIMING } from './harness/env'
import { CADDY_SHIPPED } from './harness/stack'

const e2e = useE2e()

describe('Caddy', () => {
  it('shipped config: the socket stays open through quiet spells, every update shown', async () => {
    await e2e.withCase('shipped', CADDY_SHIPPED, async (c) => {
      const channelId = await c.sim.createChannel()
      await c.open(channelId)
      await waitForStatus(c.page, 'waiting_payment')
      await waitForConnection(c.page, 'open', 'websocket')
      await hold(2 * TIMING.heartbeatIntervalMs + 1000)
      await driveToCompletion(c, channelId)
      await expectStoppedAtTerminal(c)
      await expectOutcome(c, { finalStatus: 'completed', seen: ['open/websocket'], closeCode: '' })
      expectSocketThroughout(c)
    })
  })
})
