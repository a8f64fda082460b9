/**
 * axe in any engine: axe-core's own source put into the page through the automation protocol (the
 * page's Content-Security-Policy forbids eval), and `axe.run` there. The Chromium matrix in
 * accessibility.test.ts uses @axe-core/playwright, which only Playwright can drive.
 */
import axe from 'axe-core'
import type { EnginePage } from '../../../tools/browser/enginePage'

/** Every rule axe runs by default, WCAG 2.2 AA included; each violation as one readable line. */
export async function axeViolations(page: EnginePage): Promise<string[]> {
  const loaded = await page.evaluate(() => (window as unknown as { axe?: unknown }).axe !== undefined, null)
  if (!loaded) await page.addScript(axe.source)
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document)
    return result.violations.flatMap((v) =>
      v.nodes.map((n) => `${v.id} (${v.impact ?? '?'}): ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1, 3).join(' ') ?? v.help}`),
    )
  }, null)
}
