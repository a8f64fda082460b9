/** One page per case, in any engine, and what a failed case leaves behind. */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { EnginePage } from '../../../tools/browser/enginePage'
import { openChromiumPage, type ChromiumPage } from '../../../tools/browser/engines/chromium'
import type { Recorder } from '../../../tools/browser/recorder'
import { RESULTS_DIR } from './env'

/** A Chromium page with Playwright's own handles, for the cases only Playwright can drive. */
export interface PageCase {
  engine: ChromiumPage
  context: BrowserContext
  page: Page
  recorder: Recorder
}

/** The size every case starts at: a desktop tall enough to show the whole card. */
export const CASE_VIEWPORT = { width: 1100, height: 1400 }

export async function openPageCase(browser: Browser): Promise<PageCase> {
  const engine = await openChromiumPage(browser, CASE_VIEWPORT)
  return { engine, context: engine.context, page: engine.page, recorder: engine.recorder }
}

/**
 * The diagnostics report as a person would hand it to support: the page's "Copy diagnostics
 * report" button through the clipboard, else the text of the diagnostics panel.
 */
export async function diagnosticsReport(c: Pick<PageCase, 'context' | 'page'>): Promise<string> {
  const { page } = c
  try {
    const origin = new URL(page.url()).origin
    await c.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin })
    const byTestId = page.locator('[data-testid=copy-report]')
    const button = (await byTestId.count()) > 0 ? byTestId : page.getByRole('button', { name: /copy diagnostics/i })
    if (!(await button.first().isVisible())) {
      await page.locator('[data-testid=diagnostics] summary').first().click({ timeout: 1000 }).catch(() => undefined)
    }
    await page.evaluate(() => navigator.clipboard.writeText(''))
    await button.first().click({ timeout: 2000 })
    // The copy is asynchronous: poll the clipboard briefly (bounded).
    for (let attempt = 0; attempt < 20; attempt++) {
      const text = await page.evaluate(() => navigator.clipboard.readText())
      if (text.trim()) return text
      await page.waitForTimeout(100)
    }
  } catch {
    // Fall back to the panel's text.
  }
  try {
    return await page.locator('[data-testid=diagnostics]').first().innerText({ timeout: 2000 })
  } catch (error) {
    return `(no diagnostics panel: ${String(error)})`
  }
}

/** The diagnostics panel's text, opened first, in any engine (no clipboard needed). */
async function diagnosticsPanelText(engine: EnginePage): Promise<string> {
  try {
    return await engine.evaluate(() => {
      const panel = document.querySelector<HTMLElement>('[data-testid=diagnostics]')
      if (!panel) return '(no diagnostics panel)'
      if (panel instanceof HTMLDetailsElement) panel.open = true
      return panel.innerText
    }, null)
  } catch (error) {
    return `(diagnostics panel not readable: ${String(error)})`
  }
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80)
}

/** Writes screenshot, console log, hook timeline, diagnostics report and `extra` files; prints paths. */
export async function saveFailureArtifacts(
  name: string,
  engine: EnginePage,
  error: unknown,
  extra: Record<string, string> = {},
): Promise<string[]> {
  mkdirSync(RESULTS_DIR, { recursive: true })
  const base = path.join(RESULTS_DIR, `${slug(name)}-${Date.now()}`)
  const written: string[] = []
  const write = (suffix: string, text: string): void => {
    const file = `${base}.${suffix}`
    writeFileSync(file, text)
    written.push(file)
  }
  await engine.syncRecorder().catch(() => undefined)
  try {
    await engine.screenshot(`${base}.png`)
    written.push(`${base}.png`)
  } catch (screenshotError) {
    write('screenshot-error.txt', String(screenshotError))
  }
  write(
    'console.txt',
    [
      `case: ${name} (${engine.engine})`,
      `url: ${await engine.url().catch((e: unknown) => String(e))}`,
      `error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      '',
      '--- console ---',
      ...engine.consoleLines,
      '',
      '--- CSP violations ---',
      ...engine.recorder.cspViolations,
      '',
      '--- DOM hook timeline ---',
      engine.recorder.timeline(),
    ].join('\n'),
  )
  write('diagnostics.txt', 'context' in engine ? await diagnosticsReport(engine as ChromiumPage) : await diagnosticsPanelText(engine))
  for (const [suffix, text] of Object.entries(extra)) write(suffix, text)
  console.error(`[e2e] ${name} failed; artifacts:\n${written.map((file) => `  ${file}`).join('\n')}`)
  return written
}
