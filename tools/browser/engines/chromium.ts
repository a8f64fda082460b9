/**
 * Chromium through playwright-core (Debian's browser, launched by tools/browser/launch.ts). Its
 * pages also hand out Playwright's own context and page, for the Chromium-only cases that need
 * what only Playwright offers (going offline, clipboard, media emulation).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { EngineBrowser, EnginePage, PageFunction, Viewport } from '../enginePage'
import { launchBrowser } from '../launch'
import { Recorder } from '../recorder'
import { collectPageMessages } from './pageMessages'

export interface ChromiumPage extends EnginePage {
  readonly context: BrowserContext
  readonly page: Page
}

/** A page in a fresh context of `browser`, its recorder attached before the first navigation. */
export async function openChromiumPage(browser: Browser, viewport: Viewport): Promise<ChromiumPage> {
  const context = await browser.newContext({ viewport })
  const recorder = await Recorder.attach(context)
  const page = await context.newPage()
  const { consoleLines, dialogs } = collectPageMessages(page)
  return {
    engine: 'chromium',
    context,
    page,
    recorder,
    consoleLines,
    dialogs,
    async goto(url) {
      await page.goto(url, { waitUntil: 'domcontentloaded' })
    },
    async reload() {
      // 'commit': the new document replaced the old one; the case then waits for what it needs.
      await page.reload({ waitUntil: 'commit' })
    },
    async url() {
      return page.url()
    },
    evaluate<A, R>(fn: PageFunction<A, R>, arg: A): Promise<R> {
      // Arguments are plain JSON, so Playwright's unboxing of handles changes nothing.
      return page.evaluate(fn as (arg: unknown) => R | Promise<R>, arg as unknown)
    },
    async addScript(source) {
      await page.evaluate(source)
    },
    async syncRecorder() {
      // Bindings are delivered in order on the connection, before the answer of any later call.
    },
    async setViewport(size) {
      await page.setViewportSize(size)
      return size
    },
    async screenshot(file) {
      await page.screenshot({ path: file, fullPage: true, timeout: 5000 })
    },
    async close() {
      await context.close()
    },
  }
}

export async function launchChromium(): Promise<EngineBrowser> {
  const browser = await launchBrowser()
  return {
    engine: 'chromium',
    newPage: (viewport) => openChromiumPage(browser, viewport),
    close: () => browser.close(),
  }
}
