/**
 * The countdown by the server's clock on a device whose clock is off. Playwright cannot set the
 * OS clock, so an init script shifts the page's `Date` (`Date.now()`, `new Date()`) before any
 * of the app's code runs; `performance.now()` is left alone, as on a real phone set by hand.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { hookText, waitForConnection, waitForStatus } from './harness/cases'
import { useE2e, type CaseContext } from './harness/fixture'
import { DIRECT } from './harness/stack'

const e2e = useE2e()
const MINUTE = 60_000

/** Makes the page's wall clock run `skewMs` ahead (negative: behind) of the real one. */
async function skewPageClock(page: Page, skewMs: number): Promise<void> {
  await page.addInitScript((skew: number) => {
    const RealDate = Date
    class DeviceDate extends RealDate {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(RealDate.now() + skew)
        else super(...(args as [string]))
      }
      static override now(): number {
        return RealDate.now() + skew
      }
    }
    globalThis.Date = DeviceDate as DateConstructor
  }, skewMs)
}

/**
 * Hides the `Date` header of status answers from the page, as production's API does across
 * origins (it does not expose it): the poll's `timeLeft` is then all it has.
 */
async function hideDateHeader(page: Page): Promise<void> {
  await page.route('**/api/onboarding/payment/status/**', async (route) => {
    const response = await route.fetch()
    const headers = { ...response.headers(), 'access-control-expose-headers': 'Retry-After' }
    await route.fulfill({ response, headers })
  })
}

/** The channel's expiry, epoch ms, from the simulator's own status route. */
async function expiresAt(c: CaseContext, channelId: string): Promise<number> {
  const response = await fetch(`${c.sim.url}/api/onboarding/payment/status/${channelId}`, { signal: AbortSignal.timeout(5000) })
  const body = (await response.json()) as { channel: { expiresAt: string } }
  return Date.parse(body.channel.expiresAt)
}

/** The status route's URL as the page requested it. */
async function statusUrl(c: CaseContext): Promise<string> {
  return c.page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).find((name) => name.includes('/payment/status/')) ?? '')
}

/** `23:59:58` or `9:58` as ms. */
function clockText(text: string): number {
  const match = /(\d+(?::\d\d){1,2})/.exec(text)
  if (!match?.[1]) throw new Error(`no time left in "${text}"`)
  return match[1].split(':').reduce((total, part) => total * 60 + Number(part), 0) * 1000
}

/** How far the countdown on the page is from the real time left (ms, positive: shows too much). */
async function countdownError(c: CaseContext, expiry: number): Promise<number> {
  const text = await hookText(c.engine, 'payment-countdown')
  return clockText(text) - (expiry - Date.now())
}

/** Waits until the countdown is within `withinMs` of the truth; returns the last error seen. */
async function settledCountdownError(c: CaseContext, expiry: number, withinMs: number): Promise<number> {
  await c.page.locator('[data-testid="payment-countdown"] time').first().waitFor({ timeout: 10_000 })
  let error = await countdownError(c, expiry)
  for (let i = 0; i < 20 && Math.abs(error) > withinMs; i++) {
    await c.page.waitForTimeout(250)
    error = await countdownError(c, expiry)
  }
  return error
}

describe('the countdown by the server clock', () => {
  for (const skew of [-10 * MINUTE, 10 * MINUTE]) {
    const name = `device ${Math.abs(skew) / MINUTE} min ${skew < 0 ? 'slow' : 'fast'}, socket`
    it(`${name}: the countdown shows the real time left, within 60 s`, async () => {
      await e2e.withCase(name, DIRECT, async (c) => {
        await skewPageClock(c.page, skew)
        const channelId = await c.sim.createChannel()
        const expiry = await expiresAt(c, channelId)
        await c.open(channelId)
        await waitForStatus(c.engine, 'waiting_payment')
        await waitForConnection(c.engine, 'open', 'websocket')
        // The init script took: the page's clock is off by the skew.
        const pageNow = await c.page.evaluate(() => Date.now())
        expect(Math.abs(pageNow - Date.now() - skew)).toBeLessThan(5000)
        const error = await settledCountdownError(c, expiry, 2000)
        console.info(`[server-clock] ${name}: countdown off by ${error} ms`)
        expect(Math.abs(error)).toBeLessThanOrEqual(60_000)
      })
    })
  }

  it('device 3 h fast, polling only (no socket, no readable Date header): within 60 s', async () => {
    await e2e.withCase('device 3 h fast, polling only', DIRECT, async (c) => {
      await skewPageClock(c.page, 3 * 60 * MINUTE)
      await hideDateHeader(c.page)
      await c.sim.fault('refuse-upgrade')
      const channelId = await c.sim.createChannel()
      const expiry = await expiresAt(c, channelId)
      await c.open(channelId)
      await waitForStatus(c.engine, 'waiting_payment')
      await waitForConnection(c.engine, 'polling', 'polling')
      // One answer pins the server's time within its minute: the middle is at most 30 s off.
      const error = await settledCountdownError(c, expiry, 31_000)
      const dateSeen = await c.page.evaluate(async (url) => (await fetch(url)).headers.get('Date'), await statusUrl(c))
      expect(dateSeen, 'the Date header is hidden from the page').toBeNull()
      console.info(`[server-clock] device 3 h fast, polling only: countdown off by ${error} ms`)
      expect(Math.abs(error)).toBeLessThanOrEqual(60_000)
    })
  })
})
