/**
 * Firefox, WebKitWebDriver and xvfb-run, found on PATH as `npm test`'s prerequisite check finds
 * them (scripts/prerequisites/lookup.mjs), never downloaded. Chromium's lookup is in launch.ts.
 */
import { FIREFOX_COMMANDS, WEBKIT_DRIVER_COMMAND, XVFB_RUN_COMMAND, findFirstOnPath } from '../../scripts/prerequisites/lookup.mjs'
import { systemMachine } from '../../scripts/prerequisites/machine.mjs'

function required(commands: readonly string[], pkg: string): string {
  const found = findFirstOnPath(commands, systemMachine())
  if (found !== null) return found
  throw new Error(`${commands.join(' or ')} not found on PATH: run \`npm test\`, which installs Debian's ${pkg}`)
}

export function findFirefox(): string {
  return required(FIREFOX_COMMANDS, 'firefox-esr')
}

export function findWebKitDriver(): string {
  return required([WEBKIT_DRIVER_COMMAND], 'webkit2gtk-driver')
}

export function findXvfbRun(): string {
  return required([XVFB_RUN_COMMAND], 'xvfb')
}
