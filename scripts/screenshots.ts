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
import { launchBrowser } from '../tools/browser/launch'

const OUT = resolve(import.meta.dirname, '../docs/screenshots')
const MOBILE = { width: 390, height: 844 }
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

/** The page down to the payment card's end: what the payer reads, without the panels below (smaller files). */
async function shotCard(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(300)
  const bottom = await page.evaluate(() => document.querySelector('article.payment-card')?.getBoundingClientRect().bottom ?? 0)
  const width = page.viewportSize()?.width ?? 390
  await page.screenshot({ path: resolve(OUT, `${name}.png`), fullPage: true, clip: { x: 0, y: 0, width, height: Math.ceil(bottom) + 16 } })
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

    /** One state on a phone and on a desktop: `open` loads the page and waits for the state. */
    const both = async (name: string, open: (page: Page) => Promise<void>, colorScheme: 'light' | 'dark' = 'light') => {
      for (const [suffix, viewport] of [['mobile', MOBILE], ['desktop', DESKTOP]] as const) {
        await withPage(browser, { viewport, colorScheme }, async (page) => {
          await open(page)
          await shot(page, `${name}-${suffix}`)
        })
      }
    }
    const at = (channelId: string) => new URL(`/?channelId=${channelId}`, base).href

    // The page in the payer's language, on a phone: waiting and completed in German (the longest
    // words) and Spanish. `SCREENSHOT_SET=languages` takes only these.
    for (const language of ['de', 'es']) {
      const channelId = await newChannel({ currency: 'MATIC' })
      await withPage(browser, { viewport: MOBILE }, async (page) => {
        await page.goto(`${at(channelId)}&lang=${language}`)
        await waitForAttr(page, 'connection-state', 'data-state', 'open')
        await waitForAttr(page, 'payment-status', 'data-status', 'waiting_payment')
        await page.getByTestId('payment-qr').waitFor()
        await shotCard(page, `15-waiting-${language}-mobile`)
        await advance(channelId, 'completed')
        await waitForAttr(page, 'payment-status', 'data-status', 'completed')
        await page.getByTestId('payment-receipt').waitFor()
        await shotCard(page, `16-completed-${language}-mobile`)
      })
    }
    if (process.env.SCREENSHOT_SET === 'languages') return

    await both('01-no-channel', async (page) => {
      await page.goto(new URL('/', base).href)
      await page.getByTestId('channel-input').waitFor()
      await page.waitForTimeout(800) // the simulator strip is lazy-loaded
    })
    await both('02-invalid-channel', async (page) => {
      await page.goto(new URL('/?channelId=not%20a%20channel!', base).href)
      await page.getByTestId('payment-terminal').waitFor()
    })

    // MATIC shares the 0x address format with ETH and BNB: the network is named everywhere.
    const live = await newChannel({ currency: 'MATIC' })
    const waiting = async (page: Page) => {
      await page.goto(at(live))
      await waitForAttr(page, 'connection-state', 'data-state', 'open')
      await waitForAttr(page, 'payment-status', 'data-status', 'waiting_payment')
      await page.getByTestId('payment-qr').waitFor()
    }
    await both('03-waiting-polygon', waiting)
    await both('04-waiting-polygon-dark', waiting, 'dark')

    // From here the pay instructions are gone: a "Paid to … (tx …)" summary instead.
    await advance(live, 'payment_detected')
    await both('05-detected', async (page) => {
      await page.goto(at(live))
      await waitForAttr(page, 'payment-status', 'data-status', 'payment_detected')
    })
    await advance(live, 'confirming')
    await both('06-confirming', async (page) => {
      await page.goto(at(live))
      await waitForAttr(page, 'payment-status', 'data-status', 'confirming')
    })
    await advance(live, 'completed')
    await both('07-completed-receipt', async (page) => {
      await page.goto(at(live))
      await waitForAttr(page, 'payment-status', 'data-status', 'completed')
      await page.getByTestId('payment-receipt').waitFor()
    })

    const late = await newChannel({ currency: 'ETH', expired: true })
    await both('08-expired', async (page) => {
      await page.goto(at(late))
      await waitForAttr(page, 'payment-status', 'data-status', 'expired')
      await page.getByTestId('payment-terminal').waitFor()
    })

    const doomed = await newChannel({ currency: 'SOL' })
    await advance(doomed, 'failed')
    await both('09-failed', async (page) => {
      await page.goto(at(doomed))
      await waitForAttr(page, 'payment-status', 'data-status', 'failed')
      await page.getByTestId('payment-terminal').waitFor()
    })

    await both('10-not-found', async (page) => {
      await page.goto(at('doesnotexist0000'))
      await waitForAttr(page, 'payment-status', 'data-status', 'not_found')
      await page.getByTestId('payment-terminal').waitFor()
    })

    // The production pattern: welcome, then 1006 within a second, again and again.
    await fault('cut-after-welcome')
    const flapping = await newChannel({ currency: 'BTC' })
    const polling = async (page: Page) => {
      await page.goto(at(flapping))
      await waitForAttr(page, 'connection-state', 'data-state', 'polling', 30_000)
      await page.waitForFunction(
        () => Number(document.querySelector('[data-testid="diag-ws-attempts"]')?.textContent ?? 0) >= 2,
        undefined,
        { timeout: 30_000 },
      )
    }
    await both('11-polling', polling)
    await both('12-polling-diagnostics', async (page) => {
      await polling(page)
      await page.locator('[data-testid="diagnostics"] > summary').click()
      await page.getByTestId('diag-attempts').waitFor()
    })
    await fault(null)

    // Nothing gets through: the upgrade is refused and every poll answers 503.
    await fault('refuse-upgrade')
    const unreachable = await newChannel({ currency: 'BNB' })
    await fault('poll-5xx', unreachable)
    await withPage(browser, { viewport: MOBILE }, async (page) => {
      await page.goto(at(unreachable))
      try {
        await waitForAttr(page, 'connection-state', 'data-state', 'failed', 45_000)
      } catch {
        console.warn(`  connection did not reach "failed" (state ${await attr(page, 'connection-state', 'data-state')})`)
      }
      await shot(page, '13-unreachable-mobile')
    })
    await fault(null)
    await fault(null, unreachable)

    // Hostile frames: HTML in server strings must show as text.
    const hostile = await newChannel({ currency: 'BTC' })
    await fault('malformed-frames', hostile)
    await withPage(browser, { viewport: MOBILE }, async (page) => {
      await page.goto(at(hostile))
      await waitForAttr(page, 'payment-status', 'data-status', 'waiting_payment')
      await page.waitForTimeout(1500)
      if (await page.locator('img').count()) throw new Error('a server string was rendered as HTML')
      await shot(page, '14-hostile-strings-mobile')
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
