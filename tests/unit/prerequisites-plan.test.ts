/** What `npm test` does before any test when a browser, nginx or Caddy is missing. */
import { describe, expect, it, vi } from 'vitest'
import {
  isDebianLike,
  parseOsRelease,
  planPrerequisites,
  type MachineFacts,
} from '../../scripts/prerequisites/plan.mjs'

const DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n'
const UBUNTU = 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\nVERSION_ID="24.04"\n'
const MINT = 'NAME="Linux Mint"\nID=linuxmint\nID_LIKE="ubuntu debian"\n'
const FEDORA = 'NAME="Fedora Linux"\nID=fedora\nVERSION_ID=41\n'

function facts(overrides: Partial<MachineFacts> = {}): MachineFacts {
  return {
    chromium: { found: true, path: '/usr/bin/chromium', via: 'PATH' },
    nginx: '/usr/sbin/nginx',
    caddy: '/usr/bin/caddy',
    firefox: '/usr/bin/firefox-esr',
    webkitDriver: '/usr/bin/WebKitWebDriver',
    xvfbRun: '/usr/bin/xvfb-run',
    aptGet: '/usr/bin/apt-get',
    platform: 'linux',
    osRelease: DEBIAN,
    uid: 1000,
    canSudo: () => false,
    ...overrides,
  }
}

const noChromium = { chromium: { found: false, badChromePath: null } } as const

describe('os-release', () => {
  it('reads KEY=value lines with or without quotes', () => {
    expect(parseOsRelease(`${MINT}# comment\nbroken line\n`)).toEqual({ NAME: 'Linux Mint', ID: 'linuxmint', ID_LIKE: 'ubuntu debian' })
  })

  it.each([
    ['Debian', DEBIAN, true],
    ['Ubuntu', UBUNTU, true],
    ['a derivative naming ubuntu in ID_LIKE', MINT, true],
    ['Fedora', FEDORA, false],
    ['no os-release', null, false],
  ])('%s is Debian-like: %s', (_name, text, expected) => {
    expect(isDebianLike(text)).toBe(expected)
  })
})

describe('planPrerequisites', () => {
  it('is ready when every tool is there, and asks nothing of sudo', () => {
    const canSudo = vi.fn(() => true)
    expect(planPrerequisites(facts({ uid: 0, canSudo }))).toEqual({
      kind: 'ready',
      chromium: '/usr/bin/chromium',
      firefox: '/usr/bin/firefox-esr',
      webkitDriver: '/usr/bin/WebKitWebDriver',
      xvfbRun: '/usr/bin/xvfb-run',
      nginx: '/usr/sbin/nginx',
      caddy: '/usr/bin/caddy',
    })
    expect(canSudo).not.toHaveBeenCalled()
  })

  it.each([
    ['Firefox', { firefox: null }, 'firefox-esr'],
    ['WebKitWebDriver', { webkitDriver: null }, 'webkit2gtk-driver'],
    ['xvfb-run', { xvfbRun: null }, 'xvfb'],
  ] as const)('installs the Debian package that brings %s, like the other tools', (_name, gone, pkg) => {
    const plan = planPrerequisites(facts({ ...gone, uid: 0 }))
    expect(plan).toEqual({
      kind: 'install',
      missing: [pkg],
      commands: [
        ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'update'],
        ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', pkg],
      ],
      display: `apt-get update && apt-get install -y ${pkg}`,
    })
  })

  it('on a machine with only Node and npm, installs all six packages in one apt-get call', () => {
    const plan = planPrerequisites(
      facts({ ...noChromium, firefox: null, webkitDriver: null, xvfbRun: null, nginx: null, caddy: null, uid: 0 }),
    )
    expect(plan).toMatchObject({
      kind: 'install',
      missing: ['chromium', 'firefox-esr', 'webkit2gtk-driver', 'xvfb', 'nginx', 'caddy'],
      display: 'apt-get update && apt-get install -y chromium firefox-esr webkit2gtk-driver xvfb nginx caddy',
    })
  })

  it('installs what is missing as root on Debian, non-interactively, after an update', () => {
    const canSudo = vi.fn(() => false)
    const plan = planPrerequisites(facts({ ...noChromium, caddy: null, uid: 0, canSudo }))
    expect(plan).toEqual({
      kind: 'install',
      missing: ['chromium', 'caddy'],
      commands: [
        ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'update'],
        ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', 'chromium', 'caddy'],
      ],
      display: 'apt-get update && apt-get install -y chromium caddy',
    })
    expect(canSudo).not.toHaveBeenCalled()
  })

  it('installs through sudo -n on Ubuntu when sudo needs no password', () => {
    const plan = planPrerequisites(facts({ nginx: null, osRelease: UBUNTU, canSudo: () => true }))
    expect(plan).toMatchObject({
      kind: 'install',
      missing: ['nginx'],
      commands: [
        ['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'update'],
        ['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', 'nginx'],
      ],
      display: 'sudo apt-get update && sudo apt-get install -y nginx',
    })
  })

  it('stops with the sudo command when sudo would ask for a password', () => {
    const plan = planPrerequisites(facts({ ...noChromium, nginx: null, caddy: null, canSudo: () => false }))
    expect(plan).toEqual({
      kind: 'stop',
      reason: expect.stringContaining('Chromium, nginx and Caddy'),
      command: 'sudo apt-get update && sudo apt-get install -y chromium nginx caddy',
    })
  })

  it('stops when apt-get is not on PATH, even as root', () => {
    const plan = planPrerequisites(facts({ caddy: null, aptGet: null, uid: 0, canSudo: () => true }))
    expect(plan).toEqual({ kind: 'stop', reason: expect.stringContaining('apt-get'), command: 'apt-get update && apt-get install -y caddy' })
  })

  it('never installs off Debian: stops with the command, as root too', () => {
    const canSudo = vi.fn(() => true)
    const plan = planPrerequisites(facts({ caddy: null, osRelease: FEDORA, uid: 0, canSudo }))
    expect(plan).toMatchObject({ kind: 'stop', command: 'sudo apt-get update && sudo apt-get install -y caddy' })
    expect(plan.kind === 'stop' && plan.reason).toContain('Caddy')
    expect(canSudo).not.toHaveBeenCalled()
  })

  it('installs only on Linux, whatever an os-release file says elsewhere', () => {
    expect(planPrerequisites(facts({ nginx: null, platform: 'freebsd', uid: 0 })).kind).toBe('stop')
  })

  it('never installs on a Linux without os-release', () => {
    expect(planPrerequisites(facts({ nginx: null, osRelease: null, uid: 0 })).kind).toBe('stop')
  })

  it('on macOS, names the Homebrew commands: formulae for nginx and Caddy, casks for Chromium and Firefox', () => {
    const all = planPrerequisites(facts({ ...noChromium, firefox: null, nginx: null, caddy: null, platform: 'darwin', osRelease: null }))
    expect(all).toMatchObject({ kind: 'stop', command: 'brew install nginx caddy && brew install --cask chromium firefox@esr' })
    const browserOnly = planPrerequisites(facts({ ...noChromium, platform: 'darwin', osRelease: null }))
    expect(browserOnly).toMatchObject({ kind: 'stop', command: 'brew install --cask chromium' })
  })

  it('on macOS, says WebKitGTK and xvfb are Linux-only instead of naming a command that does not exist', () => {
    const plan = planPrerequisites(facts({ webkitDriver: null, xvfbRun: null, platform: 'darwin', osRelease: null }))
    expect(plan).toEqual({ kind: 'stop', reason: expect.stringContaining('exist only on Linux'), command: null })
  })

  it('on Windows (no user id), stops', () => {
    expect(planPrerequisites(facts({ nginx: null, platform: 'win32', osRelease: null, uid: null })).kind).toBe('stop')
  })

  it('stops on a CHROME_PATH that names no executable, even where it could install', () => {
    const plan = planPrerequisites(facts({ chromium: { found: false, badChromePath: '/opt/none' }, uid: 0 }))
    expect(plan).toMatchObject({ kind: 'stop', reason: expect.stringContaining('/opt/none') })
  })
})
