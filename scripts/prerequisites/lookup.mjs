// @ts-check
/**
 * Where the tools the end-to-end tests need are on this machine: Chromium (never a downloaded
 * browser), Firefox ESR, WebKitGTK's WebDriver with `xvfb-run` for its display, nginx and Caddy.
 * One lookup, used by the prerequisite check before `npm test` and by tools/browser/ whenever a
 * browser is launched (end-to-end tests, bench, screenshots), so both always agree on which
 * browser runs.
 *
 * Plain Node (JavaScript with JSDoc types, checked by `vue-tsc`): the check runs before every
 * `npm test`, and without a TypeScript loader it starts in a fraction of a second.
 * Pure: the file system is reached only through `isExecutable`, so tests pass a fake machine.
 */
import path from 'node:path'

/** Chromium's names on PATH, in the order they are tried (Debian first, then Google's builds). */
export const CHROMIUM_COMMANDS = /** @type {const} */ (['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'])

/** Firefox's names on PATH: Debian's ESR package first, then any other Firefox. */
export const FIREFOX_COMMANDS = /** @type {const} */ (['firefox-esr', 'firefox'])

/** WebKitGTK's WebDriver (Debian's `webkit2gtk-driver`), which starts its `MiniBrowser`. */
export const WEBKIT_DRIVER_COMMAND = 'WebKitWebDriver'

/** Runs a command inside a throwaway X server (Debian's `xvfb`): MiniBrowser needs a display. */
export const XVFB_RUN_COMMAND = 'xvfb-run'

/** Where a Chromium installed by dragging the app into Applications lives on macOS. */
export const MACOS_CHROMIUM_PATHS = /** @type {const} */ ([
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
])

/**
 * What a lookup may ask of the machine.
 * @typedef {object} LookupMachine
 * @property {Readonly<Record<string, string | undefined>>} env `PATH` and `CHROME_PATH` are read.
 * @property {string} platform `process.platform`: `darwin` adds the macOS application paths.
 * @property {(file: string) => boolean} isExecutable True when `file` exists, is a regular file
 *   (or a link to one) and may be executed.
 */

/**
 * Where Chromium was found, or why not: a `CHROME_PATH` that names no executable is a mistake to
 * fix, not a reason to look elsewhere.
 * @typedef {{ found: true, path: string, via: 'CHROME_PATH' | 'PATH' | 'macOS application' }
 *   | { found: false, badChromePath: string | null }} ChromiumLookup
 */

/**
 * The first executable called `command` in the directories of `PATH`, or null.
 * @param {string} command
 * @param {LookupMachine} machine
 * @returns {string | null}
 */
export function findOnPath(command, machine) {
  const dirs = (machine.env.PATH ?? '').split(path.delimiter).filter((dir) => dir !== '')
  for (const dir of dirs) {
    const candidate = path.join(dir, command)
    if (machine.isExecutable(candidate)) return candidate
  }
  return null
}

/**
 * Chromium: `CHROME_PATH` when set (a path, or a command name looked up on `PATH`), else the first
 * of `CHROMIUM_COMMANDS` on `PATH`, else (macOS) the usual application paths.
 * @param {LookupMachine} machine
 * @returns {ChromiumLookup}
 */
export function findChromium(machine) {
  const explicit = machine.env.CHROME_PATH?.trim()
  if (explicit) {
    // A bare name (`CHROME_PATH=chromium`, as `.ci/run` reads it with `command -v`) is a command.
    const resolved = explicit.includes('/') ? (machine.isExecutable(explicit) ? explicit : null) : findOnPath(explicit, machine)
    return resolved !== null ? { found: true, path: resolved, via: 'CHROME_PATH' } : { found: false, badChromePath: explicit }
  }
  for (const command of CHROMIUM_COMMANDS) {
    const onPath = findOnPath(command, machine)
    if (onPath !== null) return { found: true, path: onPath, via: 'PATH' }
  }
  if (machine.platform === 'darwin') {
    const app = MACOS_CHROMIUM_PATHS.find((candidate) => machine.isExecutable(candidate))
    if (app !== undefined) return { found: true, path: app, via: 'macOS application' }
  }
  return { found: false, badChromePath: null }
}

/**
 * The first of `commands` on `PATH`, or null.
 * @param {readonly string[]} commands
 * @param {LookupMachine} machine
 * @returns {string | null}
 */
export function findFirstOnPath(commands, machine) {
  for (const command of commands) {
    const onPath = findOnPath(command, machine)
    if (onPath !== null) return onPath
  }
  return null
}
