/**
 * A page that holds still and controls a thumb can hit, on a 390 × 844 phone:
 * - cumulative layout shift over a whole payment (waiting → completed), as web-vitals defines it
 *   (the largest session window: shifts less than 1 s apart, the window at most 5 s long), at most
 *   0.02;
 * - every button, field, select, `summary` and link with a test hook at least 44 × 44 CSS px, every
 *   other link at least 24 × 24, in every state the payer can meet.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { waitForStatus } from './harness/cases'
import { useE2e, type CaseContext } from './harness/fixture'
import { DIRECT } from './harness/stack'

const e2e = useE2e()

const PHONE = { width: 390, height: 844 }

const hook = (c: CaseContext, testId: string) => c.page.locator(`[data-testid="${testId}"]`).first()

interface ShiftLog {
  entries: Array<{ value: number; at: number; nodes: string }>
}

/** Records every layout shift not caused by input, with its time and the nodes that moved. */
async function recordShifts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __shifts: ShiftLog }
    w.__shifts = { entries: [] }
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as Array<{ value: number; hadRecentInput: boolean; startTime: number; sources?: Array<{ node?: Node }> }>) {
        if (entry.hadRecentInput) continue
        const nodes = (entry.sources ?? [])
          .map((s) => (s.node instanceof Element ? `${s.node.tagName.toLowerCase()}.${String(s.node.className).replace(/\s+/g, '.')}${s.node.getAttribute('data-testid') ? `[${s.node.getAttribute('data-testid')}]` : ''}` : String(s.node?.nodeName)))
          .join(', ')
        w.__shifts.entries.push({ value: entry.value, at: entry.startTime, nodes })
      }
    }).observe({ type: 'layout-shift', buffered: true })
  })
}

/** web-vitals' CLS: the largest sum of a session window (gaps < 1 s, window ≤ 5 s). */
function largestSessionWindow(entries: ReadonlyArray<{ value: number; at: number }>): number {
  let best = 0
  let sum = 0
  let first = -Infinity
  let last = -Infinity
  for (const e of entries) {
    if (e.at - last < 1000 && e.at - first < 5000) {
      sum += e.value
    } else {
      sum = e.value
      first = e.at
    }
    last = e.at
    best = Math.max(best, sum)
  }
  return best
}

async function shifts(page: Page): Promise<ShiftLog['entries']> {
  return page.evaluate(() => (window as unknown as { __shifts: ShiftLog }).__shifts.entries)
}

/**
 * Interactive elements smaller than they should be: 44 × 44 for buttons, fields, selects,
 * summaries and links with a test hook (or drawn as buttons), 24 × 24 for every other link.
 * Hidden elements and the dev-only simulator strip are not part of the page.
 */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const small: string[] = []
    for (const el of document.querySelectorAll<HTMLElement>('button, input, select, textarea, summary, a[href]')) {
      if (el.closest('.dev, .visually-hidden')) continue
      const box = el.getBoundingClientRect()
      if (box.width === 0 || box.height === 0) continue
      const big = el.tagName !== 'A' || el.hasAttribute('data-testid') || el.classList.contains('button-link')
      const min = big ? 44 : 24
      if (box.width < min || box.height < min) {
        const name = el.getAttribute('data-testid') ?? (el.textContent ?? '').trim().slice(0, 30)
        small.push(`${el.tagName.toLowerCase()} "${name}" ${Math.round(box.width)}×${Math.round(box.height)} (at least ${min}×${min})`)
      }
    }
    return small
  })
}

async function expectTargets(page: Page, state: string, found: string[]): Promise<void> {
  // Let lazy parts (QR code, panels) arrive and layout settle.
  await page.waitForTimeout(300)
  for (const line of await smallTargets(page)) found.push(`${state}: ${line}`)
}

describe('a page that holds still (phone, 390 × 844)', () => {
  it('shifts at most 0.02 over a whole payment, waiting → completed (largest session window)', async () => {
    await e2e.withCase('layout shift over a whole payment', DIRECT, async (c) => {
      await c.page.setViewportSize(PHONE)
      await recordShifts(c.page)
      const channelId = await c.sim.createChannel({ currency: 'BTC' })
      await c.open(channelId)
      await waitForStatus(c.engine, 'waiting_payment')
      await hook(c, 'payment-qr').waitFor()
      await c.page.waitForTimeout(1500)
      // Each step well apart (more than a session window's 1 s gap), as a real payment's are.
      for (const step of ['payment_detected', 'confirming', 'confirming', 'creating_account', 'completed'] as const) {
        await c.sim.advance(channelId, step)
        await c.page.waitForTimeout(1500)
      }
      await waitForStatus(c.engine, 'completed', 15_000)
      await hook(c, 'payment-receipt').waitFor()
      await c.page.waitForTimeout(1500)
      const entries = await shifts(c.page)
      const cls = largestSessionWindow(entries)
      const report = entries.map((e) => `${(e.at / 1000).toFixed(2)} s  ${e.value.toFixed(4)}  ${e.nodes}`).join('\n')
      console.log(`[e2e] layout shift over a whole payment on a phone: CLS ${cls.toFixed(4)}\n${report}`)
      expect(cls, `CLS ${cls.toFixed(4)}\n${report}`).toBeLessThanOrEqual(0.02)
    })
  })
})

describe('every control a real target (phone, 390 × 844)', () => {
  it('in waiting, detected, confirming and completed', async () => {
    await e2e.withCase('targets: waiting → completed', DIRECT, async (c) => {
      await c.page.setViewportSize(PHONE)
      const found: string[] = []
      const channelId = await c.sim.createChannel({ currency: 'MATIC' })
      await c.open(channelId)
      await waitForStatus(c.engine, 'waiting_payment')
      await hook(c, 'payment-qr').waitFor()
      await hook(c, 'payment-sent-form').waitFor()
      await expectTargets(c.page, 'waiting', found)
      await c.sim.advance(channelId, 'payment_detected')
      await waitForStatus(c.engine, 'payment_detected')
      await expectTargets(c.page, 'detected', found)
      await c.sim.advance(channelId, 'confirming')
      await waitForStatus(c.engine, 'confirming')
      await expectTargets(c.page, 'confirming', found)
      await c.sim.advance(channelId, 'completed')
      await waitForStatus(c.engine, 'completed', 15_000)
      await hook(c, 'payment-receipt').waitFor()
      await expectTargets(c.page, 'completed', found)
      expect(found, found.join('\n')).toEqual([])
    })
  })

  it('in failed, expired, not found and without a channel', async () => {
    await e2e.withCase('targets: dead ends', DIRECT, async (c) => {
      await c.page.setViewportSize(PHONE)
      const found: string[] = []
      for (const end of ['failed', 'expired'] as const) {
        const channelId = await c.sim.createChannel({ currency: 'BTC' })
        await c.open(channelId)
        await waitForStatus(c.engine, 'waiting_payment')
        await c.sim.advance(channelId, end)
        await waitForStatus(c.engine, end, 15_000)
        await hook(c, 'copy-support-details').waitFor()
        expect(await hook(c, 'payment-reference').textContent()).toContain(channelId)
        expect(await hook(c, 'support-link').getAttribute('href')).toBe('https://discord.gg/Beeb38j')
        await expectTargets(c.page, end, found)
      }
      await c.open('unknown-channel-0123456789')
      await waitForStatus(c.engine, 'not_found', 15_000)
      await hook(c, 'copy-support-details').waitFor()
      expect(await hook(c, 'payment-reference').textContent()).toContain('unknown-channel-0123456789')
      await expectTargets(c.page, 'not found', found)
      await c.page.goto(`${c.stack.pageOrigin}/`)
      await hook(c, 'channel-input').waitFor()
      await expectTargets(c.page, 'no channel', found)
      expect(found, found.join('\n')).toEqual([])
    })
  })
})
