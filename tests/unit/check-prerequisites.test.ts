/** `npm test`'s first step as a process: on a machine without the tools it stops, names them and the command. */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const emptyBin = mkdtempSync(path.join(os.tmpdir(), 'no-tools-'))
afterAll(() => rmSync(emptyBin, { recursive: true, force: true }))

describe('check-prerequisites', () => {
  it('with nothing on PATH (no nginx, no caddy, no apt-get, no sudo), exits 1 with the command to run', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-prerequisites.ts'], {
      cwd: REPO_ROOT,
      env: { PATH: emptyBin, HOME: emptyBin },
      encoding: 'utf8',
      timeout: 30_000,
    })
    expect(result.status, result.stderr).toBe(1)
    expect(result.stderr).toMatch(/nginx and Caddy, not found/)
    // One command, on a line of its own: apt-get on Linux, Homebrew on macOS.
    expect(result.stderr).toMatch(/^ {4}(sudo )?(apt-get update && (sudo )?apt-get install -y .*nginx caddy|brew install nginx caddy.*)$/m)
    expect(result.stdout).toBe('')
  })
})
