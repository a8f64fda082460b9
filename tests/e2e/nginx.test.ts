/**
 * The app behind nginx with deploy/nginx.conf as shipped, and with the two classic mistakes made
 * on purpose (the variants are derived from the shipped file in harness/nginx.ts). The test build
 * pings every 3 s (harness/env.ts TIMING).
 */
import { describe, expect, it } from 'vitest'
import {
  expectSocketSurvivesQuietSpells,
  driveToCompletion,
  expectOutcome,
  expectSocketThroughout,
  expectStoppedAtTerminal,
  hold,
  waitForCloseCode,
  waitForConnection,
  waitForStatus,
} from './harness/cases'
import { useE2e } from './harness/fixture'
import { NGINX_SHIPPED, type Front } from './harness/stack'

const e2e = useE2e()

const NO_UPGRADE: Front = { kind: 'nginx', variant: 'no-upgrade-headers' }
const SHORT_READ_TIMEOUT: Front = { kind: 'nginx', variant: { wsReadTimeout: '2s' } }
const LONG_READ_TIMEOUT: Front = { kind: 'nginx', variant: { wsReadTimeout: '6s' } }

describe('nginx', () => {
  it('shipped config: the socket stays open through quiet spells, every update shown', async () => {
    await e2e.withCase('shipped', NGINX_SHIPPED, expectSocketSurvivesQuietSpells)
  })

  it('without Upgrade/Connection headers: the upgrade fails (1006), polling carries it to completed', async () => {
    await e2e.withCase('no upgrade headers', NO_UPGRADE, async (c) => {
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
      const upgrades = (await c.sim.log()).filter((entry) => entry.kind === 'open')
      expect(upgrades, 'no socket may reach the simulator through this proxy').toEqual([])
    })
  })

  it('proxy_read_timeout 2s, below the 3 s heartbeat: the idle cut shows as 1006, the app recovers', async () => {
    await e2e.withCase('read timeout 2s', SHORT_READ_TIMEOUT, async (c) => {
      const channelId = await c.sim.createChannel()
      await c.open(channelId)
      await waitForStatus(c.engine, 'waiting_payment')
      await waitForConnection(c.engine, 'open', 'websocket')
      // Quiet for 2 s after the first status: nginx cuts the socket without a close frame.
      await waitForCloseCode(c.engine, 1006, 6000)
      await driveToCompletion(c, channelId, 15_000)
      await expectStoppedAtTerminal(c)
      await expectOutcome(c, { finalStatus: 'completed', seen: ['open/websocket'], closeCode: '1006' })
    })
  })

  it('proxy_read_timeout 6s, above the 3 s heartbeat: the heartbeat keeps the socket open', async () => {
    await e2e.withCase('read timeout 6s', LONG_READ_TIMEOUT, async (c) => {
      const channelId = await c.sim.createChannel()
      await c.open(channelId)
      await waitForStatus(c.engine, 'waiting_payment')
      await waitForConnection(c.engine, 'open', 'websocket')
      await hold(9000) // one and a half read timeouts with no status change
      await driveToCompletion(c, channelId)
      await expectStoppedAtTerminal(c)
      await expectOutcome(c, { finalStatus: 'completed', seen: ['open/websocket'], closeCode: '' })
      await expectSocketThroughout(c)
    })
  })
})
