/** One page per case, in any engine, and what a failed case leaves behind. */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { EnginePage } from '../../../tools/browser/enginePage'
import { openChromiumPage, type ChromiumPage } from '../../../tools/browser/engines/chromium'
import type { Recorder } from '../../../tools/browser/recorder'
import { RESULTS_DIR } from './env'
import { diagnosticsReport } from '../../../tools/browser/diagnosticsReport'

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
