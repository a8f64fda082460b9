/** What a person hands to support from the page: its diagnostics report (tests, scripts). */
import type { BrowserContext, Page } from 'playwright-core'

/**
 * The diagnostics report as a person would hand it to support: the page's "Copy diagnostics
 * report" button through the clipboard, else the text of the diagnostics panel.
 */
export async function diagnosticsReport(c: { context: BrowserContext; page: Page }): Promise<string> {
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
