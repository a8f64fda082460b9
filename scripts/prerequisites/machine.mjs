// @ts-check
/** The real machine behind the lookup and the plan: file system, os-release, user id, sudo. */
import { spawnSync } from 'node:child_process'
import { accessSync, constants, readFileSync, statSync } from 'node:fs'
import { FIREFOX_COMMANDS, WEBKIT_DRIVER_COMMAND, XVFB_RUN_COMMAND, findChromium, findFirstOnPath, findOnPath } from './lookup.mjs'

/** @param {string} file */
export function isExecutable(file) {
  try {
    if (!statSync(file).isFile()) return false
    accessSync(file, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/**
 * @param {Readonly<Record<string, string | undefined>>} [env]
 * @returns {import('./lookup.mjs').LookupMachine}
 */
export function systemMachine(env = process.env) {
  return { env, platform: process.platform, isExecutable }
}

/**
 * os-release(5): `/etc/os-release`, else `/usr/lib/os-release`; null when neither exists.
 * @returns {string | null}
 */
export function readOsRelease() {
  for (const file of ['/etc/os-release', '/usr/lib/os-release']) {
    try {
      return readFileSync(file, 'utf8')
    } catch {
      // try the next one
    }
  }
  return null
}

/**
 * True when `sudo -n true` succeeds: sudo is there and needs no password. Bounded to 3 s.
 * @param {import('./lookup.mjs').LookupMachine} machine
 */
export function sudoWorks(machine) {
  const sudo = findOnPath('sudo', machine)
  if (sudo === null) return false
  return spawnSync(sudo, ['-n', 'true'], { stdio: 'ignore', timeout: 3000 }).status === 0
}

/**
 * @param {import('./lookup.mjs').LookupMachine} [machine]
 * @returns {import('./plan.mjs').MachineFacts}
 */
export function machineFacts(machine = systemMachine()) {
  return {
    chromium: findChromium(machine),
    nginx: findOnPath('nginx', machine),
    caddy: findOnPath('caddy', machine),
    firefox: findFirstOnPath(FIREFOX_COMMANDS, machine),
    webkitDriver: findOnPath(WEBKIT_DRIVER_COMMAND, machine),
    xvfbRun: findOnPath(XVFB_RUN_COMMAND, machine),
    aptGet: findOnPath('apt-get', machine),
    platform: machine.platform,
    osRelease: readOsRelease(),
    uid: typeof process.getuid === 'function' ? process.getuid() : null,
    canSudo: () => sudoWorks(machine),
  }
}
