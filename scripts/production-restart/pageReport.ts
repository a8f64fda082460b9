/**
 * The page's diagnostics report (event log included), as a person hands it to support: "Copy
 * diagnostics report" through the clipboard, else the text of the opened diagnostics panel.
 */
import type { BrowserContext, Page } from 'playwright-core'

export async function diagnosticsReport({ context, page }: { context: BrowserContext; page: Page }): Promise<string> {
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin })
    await page.evaluate(() => {
      const panel = document.querySelector('[data-testid=diagnostics]')
      if (panel instanceof HTMLDetailsElement) panel.open = true
    })
    await page.evaluate(() => navigator.clipboard.writeText(''))
    await page.locator('[data-testid=copy-report]').click({ timeout: 5000 })
    // The copy is asynchronous: read the clipboard a few times (bounded).
    for (let attempt = 0; attempt < 20; attempt++) {
      const text = await page.evaluate(() => navigator.clipboard.readText())
      if (text.trim()) return text
      await page.waitForTimeout(100)
    }
  } catch {
    // Fall back to the panel's text.
  }
  try {
    return await page.locator('[data-testid=diagnostics]').innerText({ timeout: 2000 })
  } catch (error) {
    return `(no diagnostics report: ${String(error)})`
  }
}
