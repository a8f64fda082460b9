/** One Chromium lookup for `npm test`'s check and every launch (tools/browser/launch.ts): which browser wins. */
import { describe, expect, it } from 'vitest'
import { FIREFOX_COMMANDS, findChromium, findFirstOnPath, findOnPath, type LookupMachine } from '../../scripts/prerequisites/lookup.mjs'

/** A machine whose only executables are `files`. */
function machine(files: string[], env: Record<string, string> = {}, platform = 'linux'): LookupMachine {
  const executables = new Set(files)
  return { env: { PATH: '/usr/local/bin:/usr/bin', ...env }, platform, isExecutable: (file) => executables.has(file) }
}

describe('findOnPath', () => {
  it('takes the first directory of PATH that has the command', () => {
    const m = machine(['/usr/local/bin/nginx', '/usr/bin/nginx'])
    expect(findOnPath('nginx', m)).toBe('/usr/local/bin/nginx')
    expect(findOnPath('caddy', m)).toBeNull()
  })

  it('finds nothing with an empty or missing PATH', () => {
    expect(findOnPath('nginx', { ...machine(['/usr/bin/nginx']), env: { PATH: '' } })).toBeNull()
    expect(findOnPath('nginx', { ...machine(['/usr/bin/nginx']), env: {} })).toBeNull()
  })
})

describe('findFirstOnPath (Firefox)', () => {
  it("prefers Debian's firefox-esr to another Firefox, wherever each sits on PATH", () => {
    const m = machine(['/usr/local/bin/firefox', '/usr/bin/firefox-esr'])
    expect(findFirstOnPath(FIREFOX_COMMANDS, m)).toBe('/usr/bin/firefox-esr')
    expect(findFirstOnPath(FIREFOX_COMMANDS, machine(['/usr/bin/firefox']))).toBe('/usr/bin/firefox')
    expect(findFirstOnPath(FIREFOX_COMMANDS, machine([]))).toBeNull()
  })
})

describe('findChromium', () => {
  it('prefers CHROME_PATH over anything on PATH', () => {
    const m = machine(['/opt/chrome/chrome', '/usr/bin/chromium'], { CHROME_PATH: '/opt/chrome/chrome' })
    expect(findChromium(m)).toEqual({ found: true, path: '/opt/chrome/chrome', via: 'CHROME_PATH' })
  })

  it('reports a CHROME_PATH that names no executable instead of quietly using another browser', () => {
    const m = machine(['/usr/bin/chromium'], { CHROME_PATH: '/nowhere/chrome' })
    expect(findChromium(m)).toEqual({ found: false, badChromePath: '/nowhere/chrome' })
  })

  it('takes a CHROME_PATH without a slash as a command on PATH, as .ci/run does', () => {
    const m = machine(['/usr/bin/google-chrome', '/usr/bin/chromium'], { CHROME_PATH: 'google-chrome' })
    expect(findChromium(m)).toEqual({ found: true, path: '/usr/bin/google-chrome', via: 'CHROME_PATH' })
    expect(findChromium(machine(['/usr/bin/chromium'], { CHROME_PATH: 'brave' }))).toEqual({ found: false, badChromePath: 'brave' })
  })

  it('ignores a blank CHROME_PATH', () => {
    expect(findChromium(machine(['/usr/bin/chromium'], { CHROME_PATH: '  ' }))).toMatchObject({ path: '/usr/bin/chromium' })
  })

  it.each([
    [['/usr/bin/google-chrome-stable', '/usr/bin/google-chrome', '/usr/bin/chromium-browser', '/usr/bin/chromium'], '/usr/bin/chromium'],
    [['/usr/bin/google-chrome', '/usr/bin/chromium-browser'], '/usr/bin/chromium-browser'],
    [['/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'], '/usr/bin/google-chrome'],
    [['/usr/bin/google-chrome-stable'], '/usr/bin/google-chrome-stable'],
  ])('on PATH, in the order chromium, chromium-browser, google-chrome, google-chrome-stable: %j', (files, expected) => {
    expect(findChromium(machine(files))).toEqual({ found: true, path: expected, via: 'PATH' })
  })

  it('looks in the macOS applications only on macOS, and only after PATH', () => {
    const app = '/Applications/Chromium.app/Contents/MacOS/Chromium'
    expect(findChromium(machine([app], {}, 'darwin'))).toEqual({ found: true, path: app, via: 'macOS application' })
    expect(findChromium(machine([app], {}, 'linux'))).toEqual({ found: false, badChromePath: null })
    expect(findChromium(machine([app, '/usr/bin/chromium'], {}, 'darwin'))).toMatchObject({ path: '/usr/bin/chromium' })
  })

  it('finds Google Chrome as a macOS application too', () => {
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'
    expect(findChromium(machine([chrome], {}, 'darwin'))).toMatchObject({ found: true, path: chrome })
  })
})
