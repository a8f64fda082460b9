/**
 * Once per run: a temporary run directory and the front port the test build points at. The build
 * itself is made lazily by the first file that needs the app (harness/build.ts), so the proxy
 * checks that need no app run without it.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { ephemeralLow, pidDirOf, type E2eRun } from './env'
import { killLeftovers, portIsFree, usePidDir } from '../../../tools/processes/managed'

/**
 * The front port is picked below the kernel's ephemeral range: between cases nothing listens on
 * it, and an outgoing connection could otherwise borrow it as its local port in that gap.
 */
async function pickFrontPort(): Promise<number> {
  const high = ephemeralLow() - 1
  const low = Math.max(10_000, high - 12_000)
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = low + Math.floor(Math.random() * (high - low))
    if (await portIsFree(port)) return port
  }
  throw new Error(`No free port found between ${low} and ${high}`)
}

export default async function setup(project: TestProject): Promise<() => void> {
  const runDir = mkdtempSync(path.join(os.tmpdir(), 'dlux-e2e-'))
  // nginx workers run as `nobody` when the run is root: they must be able to read the build.
  chmodSync(runDir, 0o755)
  const run: E2eRun = { runDir, frontPort: await pickFrontPort() }
  usePidDir(pidDirOf(run))
  project.provide('e2e', run)
  console.log(`[e2e] run directory ${runDir}, front origin http://127.0.0.1:${run.frontPort}`)

  return () => {
    const leftovers = killLeftovers(pidDirOf(run))
    if (leftovers.length > 0) console.log(`[e2e] ended leftover process groups: ${leftovers.join(', ')}`)
    if (process.env.E2E_KEEP_RUN_DIR) console.log(`[e2e] kept ${runDir}`)
    else rmSync(runDir, { recursive: true, force: true })
  }
}
