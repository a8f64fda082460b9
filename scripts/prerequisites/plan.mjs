// @ts-check
/**
 * What to do before the tests run, decided from what the machine has: nothing, install the missing
 * packages (Debian and Ubuntu, as root or through `sudo -n`), or stop at once with the one command
 * a person has to run. Pure: every fact about the machine comes in through `MachineFacts`.
 */

/**
 * Debian's package names: the three browsers the end-to-end tests drive (Chromium, Firefox ESR,
 * and WebKitGTK through its WebDriver, in a virtual display from `xvfb`) and the two proxies.
 * @typedef {'chromium' | 'firefox-esr' | 'webkit2gtk-driver' | 'xvfb' | 'nginx' | 'caddy'} Tool
 */

/**
 * @typedef {object} MachineFacts
 * @property {import('./lookup.mjs').ChromiumLookup} chromium
 * @property {string | null} nginx Path of `nginx` on PATH, or null.
 * @property {string | null} caddy Path of `caddy` on PATH, or null.
 * @property {string | null} firefox Path of `firefox-esr` (else `firefox`) on PATH, or null.
 * @property {string | null} webkitDriver Path of `WebKitWebDriver` on PATH, or null.
 * @property {string | null} xvfbRun Path of `xvfb-run` on PATH, or null.
 * @property {string | null} aptGet Path of `apt-get` on PATH, or null.
 * @property {string} platform `process.platform`.
 * @property {string | null} osRelease Text of os-release(5), or null when there is none.
 * @property {number | null} uid Effective user id; null where there is none (Windows).
 * @property {() => boolean} canSudo Whether `sudo -n` runs a command without asking for a
 *   password. Asked only when needed.
 */

/**
 * `install`: `commands` to run in order, as argument vectors (no shell), and `display`, the same
 * as a person would type it. `stop`: what is wrong, and the command that fixes it (null when it is
 * not a matter of installing something).
 * @typedef {{ kind: 'ready', chromium: string, firefox: string, webkitDriver: string, xvfbRun: string, nginx: string, caddy: string }
 *   | { kind: 'install', missing: Tool[], commands: string[][], display: string }
 *   | { kind: 'stop', reason: string, command: string | null }} Plan
 */

/**
 * `KEY=value` lines of os-release(5), quotes removed.
 * @param {string} text
 * @returns {Record<string, string>}
 */
export function parseOsRelease(text) {
  /** @type {Record<string, string>} */
  const fields = {}
  for (const line of text.split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim())
    if (!match) continue
    const [, key = '', raw = ''] = match
    fields[key] = raw.replace(/^(["'])(.*)\1$/, '$2')
  }
  return fields
}

/**
 * Debian, Ubuntu, or a distribution that says it derives from one of them.
 * @param {string | null} osRelease
 */
export function isDebianLike(osRelease) {
  if (osRelease === null) return false
  const fields = parseOsRelease(osRelease)
  const ids = [fields.ID ?? '', ...(fields.ID_LIKE ?? '').split(/\s+/)].map((id) => id.toLowerCase())
  return ids.includes('debian') || ids.includes('ubuntu')
}

/**
 * @param {Pick<MachineFacts, 'chromium' | 'firefox' | 'webkitDriver' | 'xvfbRun' | 'nginx' | 'caddy'>} facts
 * @returns {Tool[]}
 */
export function missingTools(facts) {
  /** @type {Tool[]} */
  const missing = []
  if (!facts.chromium.found) missing.push('chromium')
  if (facts.firefox === null) missing.push('firefox-esr')
  if (facts.webkitDriver === null) missing.push('webkit2gtk-driver')
  if (facts.xvfbRun === null) missing.push('xvfb')
  if (facts.nginx === null) missing.push('nginx')
  if (facts.caddy === null) missing.push('caddy')
  return missing
}

const NONINTERACTIVE = ['env', 'DEBIAN_FRONTEND=noninteractive']

/**
 * @param {readonly Tool[]} missing
 * @param {boolean} sudo
 */
function aptCommands(missing, sudo) {
  const prefix = sudo ? ['sudo', '-n', ...NONINTERACTIVE] : NONINTERACTIVE
  return [
    [...prefix, 'apt-get', 'update'],
    [...prefix, 'apt-get', 'install', '-y', ...missing],
  ]
}

/**
 * The Debian/Ubuntu command for a person to type (with sudo unless they are root).
 * @param {readonly Tool[]} missing
 * @param {boolean} root
 */
export function aptCommandLine(missing, root) {
  const sudo = root ? '' : 'sudo '
  return `${sudo}apt-get update && ${sudo}apt-get install -y ${missing.join(' ')}`
}

/** What Homebrew has no package for: WebKitGTK and an X server are Linux-only. */
const LINUX_ONLY = /** @type {readonly Tool[]} */ (['webkit2gtk-driver', 'xvfb'])

/**
 * Homebrew: nginx and Caddy as formulae, Chromium and Firefox as casks. WebKitGTK's driver and
 * xvfb do not exist there (see `LINUX_ONLY`).
 * @param {readonly Tool[]} missing
 */
export function brewCommandLine(missing) {
  const formulae = missing.filter((tool) => tool === 'nginx' || tool === 'caddy')
  const casks = [missing.includes('chromium') ? 'chromium' : null, missing.includes('firefox-esr') ? 'firefox@esr' : null].filter(
    (cask) => cask !== null,
  )
  const parts = []
  if (formulae.length > 0) parts.push(`brew install ${formulae.join(' ')}`)
  if (casks.length > 0) parts.push(`brew install --cask ${casks.join(' ')}`)
  return parts.join(' && ')
}

/** @param {readonly Tool[]} missing */
function named(missing) {
  const names = {
    chromium: 'Chromium',
    'firefox-esr': 'Firefox ESR',
    'webkit2gtk-driver': 'WebKitWebDriver',
    xvfb: 'xvfb-run',
    nginx: 'nginx',
    caddy: 'Caddy',
  }
  const list = missing.map((tool) => names[tool])
  return list.length > 1 ? `${list.slice(0, -1).join(', ')} and ${list.at(-1)}` : (list[0] ?? '')
}

/**
 * @param {MachineFacts} facts
 * @returns {Plan}
 */
export function planPrerequisites(facts) {
  if (!facts.chromium.found && facts.chromium.badChromePath !== null) {
    return {
      kind: 'stop',
      reason: `CHROME_PATH is ${facts.chromium.badChromePath}, which is not an executable file.`,
      command: 'unset CHROME_PATH   # or point it at a Chromium or Chrome executable',
    }
  }
  const { chromium, firefox, webkitDriver, xvfbRun, nginx, caddy } = facts
  if (chromium.found && firefox !== null && webkitDriver !== null && xvfbRun !== null && nginx !== null && caddy !== null) {
    return { kind: 'ready', chromium: chromium.path, firefox, webkitDriver, xvfbRun, nginx, caddy }
  }
  const missing = missingTools(facts)
  const what = `The end-to-end tests need ${named(missing)}, not found on this machine`

  if (facts.platform === 'darwin') {
    const linuxOnly = missing.filter((tool) => LINUX_ONLY.includes(tool))
    const brewable = missing.filter((tool) => !LINUX_ONLY.includes(tool))
    const elsewhere = linuxOnly.length > 0 ? ` ${named(linuxOnly)} exist only on Linux: run the end-to-end tests on Debian or Ubuntu.` : ''
    return { kind: 'stop', reason: `${what}.${elsewhere}`, command: brewable.length > 0 ? brewCommandLine(brewable) : null }
  }
  if (facts.platform !== 'linux' || !isDebianLike(facts.osRelease)) {
    return {
      kind: 'stop',
      reason:
        `${what}. Install them with this system's package manager ` +
        '(Chromium may also be named by CHROME_PATH); on Debian or Ubuntu the command is:',
      command: aptCommandLine(missing, false),
    }
  }
  const root = facts.uid === 0
  if (facts.aptGet === null) {
    return { kind: 'stop', reason: `${what}, and apt-get is not on PATH.`, command: aptCommandLine(missing, root) }
  }
  if (root || facts.canSudo()) {
    return { kind: 'install', missing, commands: aptCommands(missing, !root), display: aptCommandLine(missing, root) }
  }
  return {
    kind: 'stop',
    reason: `${what}; installing them needs root, and sudo asks for a password.`,
    command: aptCommandLine(missing, false),
  }
}
