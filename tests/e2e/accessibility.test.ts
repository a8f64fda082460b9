/**
 * The payer's page in every state, checked with axe on a phone and a desktop, in light and dark
 * (zero violations), and for layout shift on a phone while a payment loads and moves along.
 */
import AxeBuilder from '@axe-core/playwright'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { waitForConnection, waitForStatus } from './harness/cases'
import { useE2e, type CaseContext } from './harness/fixture'
import { DIRECT } from './harness/stack'

const e2e = useE2e()

const PHONE = { width: 390, height: 844 }
const DESKTOP = { width: 1280, height: 900 }
const LOOKS = [
  { name: 'phone light', viewport: PHONE, colorScheme: 'light' },
  { name: 'phone dark', viewport: PHONE, colorScheme: 'dark' },
  { name: 'desktop light', viewport: DESKTOP, colorScheme: 'light' },
  { name: 'desktop dark', viewport: DESKTOP, colorScheme: 'dark' },
] as const

/** Every rule axe runs by default, WCAG 2.2 AA included; each violation as one readable line. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze()
  return result.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact ?? '?'}): ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1, 3).join(' ') ?? v.help}`),
  )
}

/**
 * Buttons, fields, summaries and button-like links smaller than 44 px in either direction (links
 * inside a sentence are exempt, as in WCAG's target-size rule). The dev-only simulator is not part
 * of the page.
 */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const small: string[] = []
    for (const el of document.querySelectorAll<HTMLElement>('button, input, summary, a.button-link')) {
      const box = el.getBoundingClientRect()
      if (box.width === 0 || box.height === 0 || el.closest('.dev')) continue
      if (box.height < 44 || box.width < 44) {
        small.push(`target-size: ${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`)
      }
    }
    return small
  })
}

/** Runs axe in the four looks on the page as it stands; fails with every violation listed. */
async function expectAccessible(page: Page, state: string): Promise<void> {
  const found: string[] = []
  for (const look of LOOKS) {
    await page.setViewportSize(look.viewport)
    await page.emulateMedia({ colorScheme: look.colorScheme, reducedMotion: 'reduce' })
    // Let layout and transitions settle at the new size.
    await page.waitForTimeout(100)
    for (const line of await violations(page)) found.push(`${state}, ${look.name}: ${line}`)
    if (look.viewport === PHONE) for (const line of await smallTargets(page)) found.push(`${state}, ${look.name}: ${line}`)
  }
  expect(found, found.join('\n')).toEqual([])
}

/** Page width must not exceed the viewport: nothing scrolls sideways on a phone. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  await page.setViewportSize(PHONE)
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  expect(overflow, 'horizontal overflow on a 390 px phone (px)').toBeLessThanOrEqual(0)
}

const hook = (c: CaseContext, testId: string) => c.page.locator(`[data-testid="${testId}"]`).first()

describe('accessibility of every page state (axe, phone and desktop, light and dark)', () => {
  it('waiting, then confirming, then completed', async () => {
    await e2e.withCase('a11y: waiting → completed', DIRECT, async (c) => {
      const channelId = await c.sim.createChannel({ currency: 'MATIC' })
      await c.open(channelId)
      await waitForStatus(c.engine, 'waiting_payment')
      await hook(c, 'payment-qr').waitFor()
      expect(await hook(c, 'payment-network').textContent()).toContain('Polygon PoS')
      await expectAccessible(c.page, 'waiting')

      await c.sim.advance(channelId, 'payment_detected')
      await c.sim.advance(channelId)
      await waitForStatus(c.engine, 'confirming')
      // The pay instructions are gone once the payment is seen.
      expect(await hook(c, 'payment-qr').count()).toBe(0)
      expect(await hook(c, 'payment-summary').textContent()).toMatch(/Paid to/)
      await expectAccessible(c.page, 'confirming')

      await c.sim.advance(channelId, 'completed')
      await waitForStatus(c.engine, 'completed', 15_000)
      await hook(c, 'payment-receipt').waitFor()
      await expectAccessible(c.page, 'completed')
    })
  })

  it('polling after the 1006 flap, with the diagnostics open', async () => {
    await e2e.withCase('a11y: polling + diagnostics', DIRECT, async (c) => {
      await c.sim.fault('cut-after-welcome')
      const channelId = await c.sim.createChannel()
      await c.open(channelId)
      await waitForConnection(c.engine, 'polling', 'polling', 15_000)
      await c.page.locator('[data-testid="diagnostics"] summary').click()
      await hook(c, 'diag-attempts').waitFor()
      await expectAccessible(c.page, 'polling with diagnostics open')
      await expectNoSidewaysScroll(c.page)
    })
  })

  it.each(['expired', 'failed'] as const)('%s', async (end) => {
    await e2e.withCase(`a11y: ${end}`, DIRECT, async (c) => {
      const channelId = await c.sim.createChannel()
      await c.open(channelId)
      await waitForStatus(c.engine, 'waiting_payment')
      await c.sim.advance(channelId, end)
      await waitForStatus(c.engine, end, 15_000)
      await hook(c, 'payment-terminal').waitFor()
      expect(await hook(c, 'copy-address').count()).toBe(0)
      await expectAccessible(c.page, end)
    })
  })

  it('not found, invalid id, no id', async () => {
    await e2e.withCase('a11y: not found, invalid, none', DIRECT, async (c) => {
      await c.open('unknown-channel-0123456789')
      await waitForStatus(c.engine, 'not_found', 15_000)
      await hook(c, 'payment-terminal').waitFor()
      await expectAccessible(c.page, 'not found')

      await c.page.goto(`${c.stack.pageOrigin}/?channelId=short`)
      await hook(c, 'payment-terminal').waitFor()
      await hook(c, 'channel-input').waitFor()
      await expectAccessible(c.page, 'invalid id')

      await c.page.goto(`${c.stack.pageOrigin}/`)
      await hook(c, 'channel-input').waitFor()
      await expectAccessible(c.page, 'no id')
    })
  })
})

describe('layout shift on a phone', () => {
  it('stays under 0.02 while the payment loads, and while it is confirmed', async () => {
    await e2e.withCase('layout shift', DIRECT, async (c) => {
      await c.page.setViewportSize(PHONE)
      // Cumulative layout shift as browsers define it: shifts not caused by the user's input.
      await c.page.addInitScript(() => {
        const w = window as unknown as { __cls: number; __shifts: string[] }
        w.__cls = 0
        w.__shifts = []
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as unknown as Array<{ value: number; hadRecentInput: boolean; sources?: Array<{ node?: Node }> }>) {
            if (entry.hadRecentInput) continue
            w.__cls += entry.value
            const nodes = (entry.sources ?? []).map((s) => (s.node instanceof Element ? `${s.node.tagName}.${s.node.className}` : String(s.node?.nodeName)))
            w.__shifts.push(`${entry.value.toFixed(4)} ${nodes.join(', ')}`)
          }
        }).observe({ type: 'layout-shift', buffered: true })
      })
      const channelId = await c.sim.createChannel()
      await c.open(channelId)
      await waitForStatus(c.engine, 'waiting_payment')
      await hook(c, 'payment-qr').waitFor()
      await c.page.waitForTimeout(300)
      const atLoad = await c.page.evaluate(() => (window as unknown as { __cls: number }).__cls)

      // Seeing the payment collapses the pay instructions: a change the payer is waiting for.
      await c.sim.advance(channelId, 'payment_detected')
      await waitForStatus(c.engine, 'payment_detected')
      await c.page.waitForTimeout(300)
      const atDetected = await c.page.evaluate(() => (window as unknown as { __cls: number }).__cls)

      // From then on the card keeps its shape while the payment moves along.
      await c.sim.advance(channelId) // confirming 1/2
      await c.page.waitForTimeout(300)
      await c.sim.advance(channelId) // confirming 2/2
      await c.page.waitForTimeout(300)
      await c.sim.advance(channelId, 'creating_account')
      await waitForStatus(c.engine, 'creating_account')
      await c.page.waitForTimeout(300)
      const { cls, shifts } = await c.page.evaluate(() => {
        const w = window as unknown as { __cls: number; __shifts: string[] }
        return { cls: w.__cls, shifts: w.__shifts }
      })
      const report = `load ${atLoad.toFixed(4)}, payment seen ${(atDetected - atLoad).toFixed(4)}, confirming → creating ${(cls - atDetected).toFixed(4)}`
      console.log(`[e2e] layout shift on a phone: ${report}\n${shifts.join('\n')}`)
      expect(atLoad, `${report}\n${shifts.join('\n')}`).toBeLessThanOrEqual(0.02)
      expect(cls - atDetected, `${report}\n${shifts.join('\n')}`).toBeLessThanOrEqual(0.02)
    })
  })
})
