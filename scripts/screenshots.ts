/**
 * Screenshots of the payment monitor's main screens in real Chromium, against the dev server with
 * the payment simulator mounted: `npx tsx scripts/screenshots.ts`. Writes docs/screenshots/*.png.
 *
 * Uses `SCREENSHOT_URL` (e.g. http://127.0.0.1:5173, from `npm run dev`) when set; otherwise starts
 * its own Vite dev server on 127.0.0.1 with the project's config and stops it at the end.
 */
import { mkdir } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { createServer, type ViteDevServer } from 'vite'
import { launchBrowser } from '../tests/e2e/harness/browser'

const OUT = resolve(import.meta.dirname, '../docs/screenshots')
const MOBILE = { width: 360, height: 780 }
const DESKTOP = { width: 1280, height: 900 }

let base = process.env.SCREENSHOT_URL ?? ''
let vite: ViteDevServer | null = null

async function sim(path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(new URL(path, base), {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const data = (await response.json()) as Record<string, unknown>
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${JSON.stringify(data)}`)
  return data
}

async function newChannel(options: Record<string, unknown> = {}): Promise<string> {
  const data = await sim('/__sim/channels', { currency: 'BTC', ...options })
  return data.channelId as string
}

const fault = (name: string | null, channelId?: string) => sim('/__sim/faults', { fault: name, channelId })
const advance = (channelId: string, to: string) => sim(`/__sim/channels/${channelId}/advance`, { to })

async function shot(page: Page, name: string): Promise<void> {
  // Let the countdown and "last update" settle on a whole second, and fonts finish.
  await page.waitForTimeout(300)
  await page.screenshot({ path: resolve(OUT, `${name}.png`), fullPage: true })
  console.log(`  ${name}.png`)
}

const attr = (page: Page, testId: string, name: string) => page.getByTestId(testId).getAttribute(name)

async function waitForAttr(page: Page, testId: string, name: string, value: string, timeout = 20_000) {
  await page.waitForFunction(
    ([id, n, v]) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute(n as string) === v,
    [testId, name, value],
    { timeout },
  )
}

async function withPage(
  browser: Browser,
  options: { viewport: { width: number; height: number }; colorScheme?: 'light' | 'dark' },
  run: (page: Page) => Promise<void>,
) {
  const context: BrowserContext = await browser.newContext({
    viewport: options.viewport,
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: 'reduce',
  })
  const page = await context.newPage()
  page.on('pageerror', (error) => console.warn(`  page error: ${error.message}`))
  try {
    await run(page)
  } finally {
    await context.close()
  }
}

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true })
  if (!base) {
    vite = await createServer({ server: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'warn' })
    await vite.listen()
    base = vite.resolvedUrls?.local[0] ?? ''
    if (!base) throw new Error('the dev server did not report its URL')
  }
  console.log(`dev server: ${base}`)
  const browser = await launchBrowser()
  try {
    await fault(null)

    for (const [suffix, viewport] of [['mobile', MOBILE], ['desktop', DESKTOP]] as const) {
      await withPage(browser, { viewport }, async (page) => {
        await page.goto(new URL('/', base).href)
        await page.getByTestId('channel-input').waitFor()
        await page.waitForTimeout(800) // the simulator strip is lazy-loaded
        await shot(page, `01-no-channel-${suffix}`)
      })
    }

    await withPage(browser, { viewport: MOBILE }, async (page) => {
      await page.goto(new URL('/?channelId=not%20a%20channel!', base).href)
      await page.getByTestId('payment-terminal').waitFor()
      await shot(page, '02-invalid-channel-mobile')
    })

    const live = await newChannel({ currency: 'BTC' })
    for (const [suffix, viewport] of [['mobile', MOBILE], ['desktop', DESKTOP]] as const) {
      await withPage(browser, { viewport }, async (page) => {
        await page.goto(new URL(`/?channelId=${live}`, base).href)
        await waitForAttr(page, 'connection-state', 'data-state', 'open')
        await waitForAttr(page, 'payment-status', 'data-status', 'waiting_payment')
        await page.getByTestId('payment-qr').waitFor()
        await shot(page, `03-waiting-live-${suffix}`)
      })
    }

    await withPage(browser, { viewport: MOBILE, colorScheme: 'dark' }, async (page) => {
      await page.goto(new URL(`/?channelId=${live}`, base).href)
      await waitForAttr(page, 'connection-state', 'data-state', 'open')
      await page.getByTestId('payment-qr').waitFor()
      await shot(page, '04-waiting-live-dark-mobile')
    })

    await withPage(browser, { viewport: DESKTOP }, async (page) => {
      await page.goto(new URL(`/?channelId=${live}`, base).href)
      await waitForAttr(page, 'connection-state', 'data-state', 'open')
      await advance(live, 'confirming')
      await waitForAttr(page, 'payment-status', 'data-status', 'confirming')
      await shot(page, '05-confirming-desktop')
      await advance(live, 'completed')
      await waitForAttr(page, 'payment-status', 'data-status', 'completed')
      await waitForAttr(page, 'connection-state', 'data-state', 'idle')
      await shot(page, '06-completed-desktop')
    })

    const late = await newChannel({ currency: 'ETH', expired: true })
    await withPage(browser, { viewport: MOBILE }, async (page) => {
      await page.goto(new URL(`/?channelId=${late}`, base).href)
      await waitForAttr(page, 'payment-status', 'data-status', 'expired')
      await shot(page, '07-expired-mobile')
    })

    const doomed = await newChannel({ currency: 'SOL' })
    await withPage(browser, { viewport: MOBILE }, async (page) => {
      await page.goto(new URL(`/?channelId=${doomed}`, base).href)
      await waitForAttr(page, 'connection-state', 'data-state', 'open')
      await advance(doomed, 'failed')
      await waitForAttr(page, 'payment-status', 'data-status', 'failed')
      await shot(page, '08-failed-mobile')
    })

    await withPage(browser, { viewport: MOBILE }, async (page) => {
      await page.goto(new URL('/?channelId=doesnotexist0000', base).href)
      await waitForAttr(page, 'payment-status', 'data-status', 'not_found')
      await shot(page, '09-not-found-mobile')
    })

    // The production pattern: welcome, then 1006 within a second, again and again.
    await fault('cut-after-welcome')
    const flapping = await newChannel({ currency: 'MATIC' })
    await withPage(browser, { viewport: DESKTOP }, async (page) => {
      await page.goto(new URL(`/?channelId=${flapping}`, base).href)
      await waitForAttr(page, 'connection-state', 'data-state', 'polling', 30_000)
      await page.waitForFunction(
        () => Number(document.querySelector('[data-testid="diag-ws-attempts"]')?.textContent ?? 0) >= 2,
        undefined,
        { timeout: 30_000 },
      )
      await shot(page, '10-polling-desktop')
      await page.locator('[data-testid="diagnostics"] > summary').click()
      await page.getByTestId('diag-attempts').waitFor()
      await shot(page, '11-polling-diagnostics-desktop')
    })
    await fault(null)

    // Nothing gets through: the upgrade is refused and every poll answers 503.
    await fault('refuse-upgrade')
    const unreachable = await newChannel({ currency: 'BNB' })
    await fault('poll-5xx', unreachable)
    await withPage(browser, { viewport: MOBILE }, async (page) => {
      await page.goto(new URL(`/?channelId=${unreachable}`, base).href)
      try {
        await waitForAttr(page, 'connection-state', 'data-state', 'failed', 45_000)
      } catch {
        console.warn(`  connection did not reach "failed" (state ${await attr(page, 'connection-state', 'data-state')})`)
      }
      await shot(page, '12-unreachable-mobile')
    })
    await fault(null)
    await fault(null, unreachable)

    // Hostile frames: HTML in server strings must show as text.
    const hostile = await newChannel({ currency: 'BTC' })
    await fault('malformed-frames', hostile)
    await withPage(browser, { viewport: MOBILE }, async (page) => {
      await page.goto(new URL(`/?channelId=${hostile}`, base).href)
      await waitForAttr(page, 'payment-status', 'data-status', 'waiting_payment')
      await page.waitForTimeout(1500)
      if (await page.locator('img').count()) throw new Error('a server string was rendered as HTML')
      await shot(page, '13-hostile-strings-mobile')
    })
    await fault(null, hostile)
  } finally {
    await browser.close()
    await vite?.close()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
