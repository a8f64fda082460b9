/**
 * The page in every language on a phone: axe finds nothing, nothing scrolls sideways at 390 and
 * 320 px (German runs long), `<html lang>` names the language shown, and the picker switches the
 * language at once without a reload and without touching the connection.
 */
import AxeBuilder from '@axe-core/playwright'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { LANGUAGES, type Language } from '../../src/core/i18n/languages'
import { waitForConnection, waitForStatus, wsAttempts } from './harness/cases'
import { useE2e, type CaseContext } from './harness/fixture'
import { DIRECT } from './harness/stack'

const e2e = useE2e()

const PHONES = [
  { width: 390, height: 844 },
  { width: 320, height: 640 },
] as const

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze()
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact ?? '?'}): ${n.target.join(' ')} — ${v.help}`))
}

/** Elements wider than the page, and how far the page scrolls sideways: empty when nothing overflows. */
async function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth
    const found: string[] = []
    const scroll = document.documentElement.scrollWidth - width
    if (scroll > 0) found.push(`the page scrolls ${scroll} px sideways`)
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const box = el.getBoundingClientRect()
      if (box.width > 0 && box.right > width + 0.5 && !el.closest('.visually-hidden, .dev')) {
        found.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 40)}" ends at ${Math.round(box.right)} px`)
      }
    }
    return found.slice(0, 10)
  })
}

/** axe and overflow on both phones, light, on the page as it stands. */
async function expectFits(page: Page, language: Language, state: string): Promise<void> {
  const found: string[] = []
  for (const phone of PHONES) {
    await page.setViewportSize(phone)
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' })
    await page.waitForTimeout(100)
    for (const line of await overflow(page)) found.push(`${language} ${state} ${phone.width} px: ${line}`)
    for (const line of await violations(page)) found.push(`${language} ${state} ${phone.width} px: ${line}`)
  }
  expect(found, found.join('\n')).toEqual([])
}

/** The words chunks the starter preloaded and those the page fetched, by language and part, hashes dropped. */
async function wordsFetched(page: Page): Promise<{ preloaded: string[]; fetched: string[] }> {
  const name = (url: string) => /\/words\/(.+)-[\w-]{8}\.js$/.exec(url)?.[1] ?? url
  const found = await page.evaluate(() => ({
    preloaded: [...document.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')].map((l) => l.href).filter((u) => u.includes('/words/')),
    fetched: performance.getEntriesByType('resource').map((e) => e.name).filter((u) => u.includes('/words/')),
  }))
  return { preloaded: found.preloaded.map(name).sort(), fetched: [...new Set(found.fetched.map(name))].sort() }
}

const hook = (c: CaseContext, testId: string) => c.page.locator(`[data-testid="${testId}"]`).first()
const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang)

describe('every language on a phone', () => {
  it.each(LANGUAGES)('%s: waiting, then completed, then a dead end', async (language) => {
    await e2e.withCase(`language ${language}`, DIRECT, async (c) => {
      const channelId = await c.sim.createChannel({ currency: 'MATIC' })
      await c.page.setViewportSize(PHONES[0])
      await c.page.goto(`${c.stack.pageUrl(channelId)}&lang=${language}`, { waitUntil: 'domcontentloaded' })
      await waitForStatus(c.engine, 'waiting_payment')
      await hook(c, 'payment-qr').waitFor()
      expect(await htmlLang(c.page)).toBe(language)
      expect(await hook(c, 'language-picker').inputValue()).toBe(language)
      // The starter preloaded this language's first-screen words, and no other language's words came.
      expect(await wordsFetched(c.page)).toEqual({ preloaded: [`${language}-first`], fetched: [`${language}-first`, `${language}-page`] })
      // The amount to pay is the server's digits, whatever the language.
      expect(await hook(c, 'payment-amount').textContent()).toMatch(/^\d+\.\d+ MATIC$/)
      await expectFits(c.page, language, 'waiting')

      await c.sim.advance(channelId, 'completed')
      await waitForStatus(c.engine, 'completed', 15_000)
      await hook(c, 'payment-receipt').waitFor()
      await expectFits(c.page, language, 'completed')

      const expired = await c.sim.createChannel()
      await c.page.goto(`${c.stack.pageUrl(expired)}&lang=${language}`, { waitUntil: 'domcontentloaded' })
      await waitForStatus(c.engine, 'waiting_payment')
      await c.sim.advance(expired, 'expired')
      await waitForStatus(c.engine, 'expired', 15_000)
      await hook(c, 'payment-help').waitFor()
      await expectFits(c.page, language, 'expired')

      await c.page.goto(`${c.stack.pageOrigin}/?channelId=short&lang=${language}`, { waitUntil: 'domcontentloaded' })
      await hook(c, 'channel-input').waitFor()
      await expectFits(c.page, language, 'invalid id')
    })
  })
})

describe('the language picker', () => {
  it('switches at once, keeps the socket, and is remembered for the tab', async () => {
    await e2e.withCase('language picker', DIRECT, async (c) => {
      const channelId = await c.sim.createChannel()
      await c.open(channelId)
      await waitForConnection(c.engine, 'open', 'websocket')
      expect(await htmlLang(c.page)).toBe('en')
      // The diagnostics panel (where the count is) is fetched after the first screen.
      await hook(c, 'diag-ws-attempts').waitFor({ state: 'attached' })
      const attempts = await wsAttempts(c.engine)
      expect(attempts).toBeGreaterThan(0)
      const title = await hook(c, 'payment-status').textContent()

      await hook(c, 'language-picker').selectOption('de')
      await c.page.waitForFunction(() => document.documentElement.lang === 'de')
      expect(await hook(c, 'payment-status').textContent()).not.toBe(title)
      expect(await c.page.title()).toMatch(/DLUX-Zahlung$/)
      // Same socket, no reload: the connection is untouched.
      await waitForConnection(c.engine, 'open', 'websocket')
      expect(await wsAttempts(c.engine)).toBe(attempts)

      // Kept for the tab: a reload without ?lang= comes back in German.
      await c.page.reload({ waitUntil: 'domcontentloaded' })
      await waitForStatus(c.engine, 'waiting_payment')
      expect(await htmlLang(c.page)).toBe('de')
      expect(await hook(c, 'language-picker').inputValue()).toBe('de')
    })
  })

  it('ignores an unknown ?lang= and follows the browser instead', async () => {
    await e2e.withCase('unknown lang', DIRECT, async (c) => {
      const channelId = await c.sim.createChannel()
      await c.page.goto(`${c.stack.pageUrl(channelId)}&lang=xx-unknown`, { waitUntil: 'domcontentloaded' })
      await waitForStatus(c.engine, 'waiting_payment')
      expect(await htmlLang(c.page)).toBe('en')
      expect(await hook(c, 'payment-terminal').count()).toBe(0)
    })
  })
})
