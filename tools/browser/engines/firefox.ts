/**
 * Firefox ESR over WebDriver BiDi, through puppeteer-core (no geckodriver: puppeteer speaks BiDi to
 * Firefox's own remote agent). Every page gets a user context of its own. The recorder's page
 * script is a BiDi preload script (`script.addPreloadScript`, puppeteer's `evaluateOnNewDocument`),
 * so it sees every document from its first line. It reports into its buffer in `sessionStorage`,
 * drained by `syncRecorder`, rather than through a BiDi channel (`exposeFunction`): with a socket
 * handshake left hanging, Firefox ESR 153 stopped delivering the channel's messages a few hundred
 * milliseconds into the page, while the buffer loses nothing.
 *
 * puppeteer-core stays on 24.x: 25 declares Node 22.12 or later, and `npm ci` on Node 20 warns.
 */
import { writeFileSync } from 'node:fs'
import puppeteer, { type Browser } from 'puppeteer-core'
import { findFirefox } from '../lookup'
import type { EngineBrowser, EnginePage, PageFunction } from '../enginePage'
import { drainRecorderBuffer, pageRecorder, RECORDER_CHANNELS, Recorder, type BufferedReport } from '../recorder'
import { collectPageMessages, type MessagingPage } from './pageMessages'

async function openFirefoxPage(browser: Browser, viewport: { width: number; height: number }): Promise<EnginePage> {
  const context = await browser.createBrowserContext()
  const page = await context.newPage()
  const recorder = new Recorder()
  await page.evaluateOnNewDocument(pageRecorder, RECORDER_CHANNELS)
  await page.setViewport(viewport)
  // puppeteer types `on` by its own event map, which TypeScript cannot match to the overloads.
  const { consoleLines, dialogs } = collectPageMessages(page as unknown as MessagingPage)
  return {
    engine: 'firefox',
    recorder,
    consoleLines,
    dialogs,
    async goto(url) {
      await page.goto(url, { waitUntil: 'domcontentloaded' })
    },
    async reload() {
      await page.reload({ waitUntil: 'domcontentloaded' })
    },
    async url() {
      return page.url()
    },
    evaluate<A, R>(fn: PageFunction<A, R>, arg: A): Promise<R> {
      // Arguments are plain JSON, so puppeteer's flattening of handles changes nothing.
      return page.evaluate(fn as (arg: unknown) => R | Promise<R>, arg as unknown) as Promise<R>
    },
    async addScript(source) {
      await page.evaluate(source)
    },
    async syncRecorder() {
      const reports = await page.evaluate(drainRecorderBuffer, RECORDER_CHANNELS.buffer)
      recorder.absorb(reports as BufferedReport[])
    },
    async setViewport(size) {
      await page.setViewport(size)
      return size
    },
    async screenshot(file) {
      writeFileSync(file, await page.screenshot({ fullPage: true }))
    },
    async close() {
      await context.close()
    },
  }
}

export async function launchFirefox(): Promise<EngineBrowser> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: findFirefox(),
    headless: true,
    // Bounded: a protocol call that gets no answer fails the case instead of hanging it.
    protocolTimeout: 30_000,
    extraPrefsFirefox: {
      // No update checks, telemetry or captive-portal probes on the test's loopback-only network.
      'app.update.enabled': false,
      'network.captive-portal-service.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
    },
  })
  return {
    engine: 'firefox',
    newPage: (viewport) => openFirefoxPage(browser, viewport),
    close: () => browser.close(),
  }
}
