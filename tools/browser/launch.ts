/**
 * Chromium through playwright-core: found the same way as `npm test`'s prerequisite check finds it
 * (CHROME_PATH, then PATH, then the macOS application), never a downloaded browser, and launched
 * with the flags every run uses (end-to-end tests, bench, screenshots).
 */
import { chromium, type Browser } from 'playwright-core'
import { CHROMIUM_COMMANDS, findChromium } from '../../scripts/prerequisites/lookup.mjs'
import { systemMachine } from '../../scripts/prerequisites/machine.mjs'

export function chromiumPath(): string {
  const lookup = findChromium(systemMachine())
  if (lookup.found) return lookup.path
  throw new Error(
    lookup.badChromePath !== null
      ? `CHROME_PATH is ${lookup.badChromePath}, which is not an executable file`
      : `Chromium not found (tried CHROME_PATH, ${CHROMIUM_COMMANDS.join(', ')} on PATH): run \`npm test\`, which installs it on Debian and Ubuntu, or set CHROME_PATH`,
  )
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}
