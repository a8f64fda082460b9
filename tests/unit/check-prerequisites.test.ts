/** `npm test`'s first step: plan, install when that is the plan, and say what happened. */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { checkPrerequisites, type CheckEffects } from '../../scripts/check-prerequisites.mjs'
import type { MachineFacts } from '../../scripts/prerequisites/plan.mjs'

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

const DEBIAN = 'ID=debian\n'
const READY: MachineFacts = {
  chromium: { found: true, path: '/usr/bin/chromium', via: 'PATH' },
  nginx: '/usr/sbin/nginx',
  caddy: '/usr/bin/caddy',
  firefox: '/usr/bin/firefox-esr',
  webkitDriver: '/usr/bin/WebKitWebDriver',
  xvfbRun: '/usr/bin/xvfb-run',
  aptGet: '/usr/bin/apt-get',
  platform: 'linux',
  osRelease: DEBIAN,
  uid: 0,
  canSudo: () => false,
}
const NO_CADDY: MachineFacts = { ...READY, caddy: null }

/** Effects that read the machine from `states` in turn and record everything else. */
function fakeEffects(states: MachineFacts[], exitStatus: (argv: string[]) => number | null = () => 0) {
  const ran: string[][] = []
  const said: string[] = []
  const complaints: string[] = []
  let reads = 0
  const effects: CheckEffects = {
    facts: () => states[Math.min(reads++, states.length - 1)] as MachineFacts,
    run: (argv) => (ran.push(argv), exitStatus(argv)),
    say: (text) => said.push(text),
    complain: (text) => complaints.push(text),
  }
  return { effects, ran, said, complaints }
}

describe('checkPrerequisites', () => {
  it('does nothing and says nothing when all is there', () => {
    const { effects, ran, said, complaints } = fakeEffects([READY])
    expect(checkPrerequisites(effects)).toBe(0)
    expect([ran, said, complaints]).toEqual([[], [], []])
  })

  it('installs what is missing, checks again, and goes on', () => {
    const { effects, ran, said, complaints } = fakeEffects([NO_CADDY, READY])
    expect(checkPrerequisites(effects)).toBe(0)
    expect(ran).toEqual([
      ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'update'],
      ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', 'caddy'],
    ])
    expect(said.join('\n')).toContain('apt-get update && apt-get install -y caddy')
    expect(complaints).toEqual([])
  })

  it('stops at the first command that fails, with the command to run by hand', () => {
    const { effects, ran, complaints } = fakeEffects([NO_CADDY, READY], (argv) => (argv.includes('update') ? 100 : 0))
    expect(checkPrerequisites(effects)).toBe(1)
    expect(ran).toHaveLength(1)
    expect(complaints.join('\n')).toContain('apt-get update && apt-get install -y caddy')
  })

  it('stops when the tool is still missing after installing', () => {
    const { effects, complaints } = fakeEffects([NO_CADDY, NO_CADDY])
    expect(checkPrerequisites(effects)).toBe(1)
    expect(complaints.join('\n')).toContain('still missing after installing: caddy')
  })

  it('stops without running anything when it may not install', () => {
    const { effects, ran, complaints } = fakeEffects([{ ...NO_CADDY, osRelease: 'ID=fedora\n' }])
    expect(checkPrerequisites(effects)).toBe(1)
    expect(ran).toEqual([])
    expect(complaints.join('\n')).toMatch(/^ {4}sudo apt-get update && sudo apt-get install -y caddy$/m)
  })
})

describe('check-prerequisites as a process', () => {
  const emptyBin = mkdtempSync(path.join(os.tmpdir(), 'no-tools-'))
  afterAll(() => rmSync(emptyBin, { recursive: true, force: true }))

  it('with nothing on PATH (no browser, no nginx, no caddy, no apt-get, no sudo), exits 1 with the command to run', () => {
    const result = spawnSync(process.execPath, ['scripts/check-prerequisites.mjs'], {
      cwd: REPO_ROOT,
      env: { PATH: emptyBin, HOME: emptyBin },
      encoding: 'utf8',
      timeout: 30_000,
    })
    expect(result.status, result.stderr).toBe(1)
    expect(result.stderr).toMatch(/Firefox ESR, WebKitWebDriver, xvfb-run, nginx and Caddy, not found/)
    // One command, on a line of its own: apt-get on Linux, Homebrew on macOS.
    expect(result.stderr).toMatch(
      /^ {4}(sudo )?(apt-get update && (sudo )?apt-get install -y .*firefox-esr webkit2gtk-driver xvfb nginx caddy|brew install nginx caddy.*)$/m,
    )
    expect(result.stdout).toBe('')
  })
})
