/** One page per case, with its recorder and console, and what a failed case leaves behind. */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { Recorder } from '../../../tools/browser/recorder'
import { RESULTS_DIR } from './env'

export interface PageCase {
  context: BrowserContext
  page: Page
  recorder: Recorder
  /** Console messages, page errors and dialogs, in order. */
  consoleLines: string[]
  /** Dialogs the page opened (alert, confirm, prompt): none is ever expected. */
  dialogs: string[]
}

export async function openPageCase(browser: Browser): Promise<PageCase> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 1400 } })
  const recorder = await Recorder.attach(context)
  const page = await context.newPage()
  const consoleLines: string[] = []
  const dialogs: string[] = []
  const stamp = (): string => new Date().toISOString().slice(11, 23)
  page.on('console', (message) => consoleLines.push(`${stamp()} [${message.type()}] ${message.text()}`))
  page.on('pageerror', (error) => consoleLines.push(`${stamp()} [pageerror] ${error.stack ?? error.message}`))
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`)
    consoleLines.push(`${stamp()} [dialog] ${dialog.type()}: ${dialog.message()}`)
    void dialog.dismiss().catch(() => undefined)
  })
  return { context, page, recorder, consoleLines, dialogs }
}

/**
 * The diagnostics report as a person would hand it to support: the page's "Copy diagnostics
 * report" button through the clipboard, else the text of the diagnostics panel.
 */
export async function diagnosticsReport(c: PageCase): Promise<string> {
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

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80)
}

/** Writes screenshot, console log, hook timeline, diagnostics report and `extra` files; prints paths. */
export async function saveFailureArtifacts(
  name: string,
  c: PageCase,
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
  try {
    await c.page.screenshot({ path: `${base}.png`, fullPage: true, timeout: 5000 })
    written.push(`${base}.png`)
  } catch (screenshotError) {
    write('screenshot-error.txt', String(screenshotError))
  }
  write(
    'console.txt',
    [
      `case: ${name}`,
      `url: ${c.page.url()}`,
      `error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      '',
      '--- console ---',
      ...c.consoleLines,
      '',
      '--- CSP violations ---',
      ...c.recorder.cspViolations,
      '',
      '--- DOM hook timeline ---',
      c.recorder.timeline(),
    ].join('\n'),
  )
  write('diagnostics.txt', await diagnosticsReport(c))
  for (const [suffix, text] of Object.entries(extra)) write(suffix, text)
  console.error(`[e2e] ${name} failed; artifacts:\n${written.map((file) => `  ${file}`).join('\n')}`)
  return written
}
