/** Where things are, and the timing the test build is made with. */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { inject } from 'vitest'

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

/** Screenshots, console logs and diagnostics of failed cases (git-ignored). */
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results', 'e2e')

/**
 * The test build's timing (VITE_* variables). Short, so a whole case takes seconds, and ordered so
 * the proxy cases mean something: nginx's short variant (2 s read timeout) sits below the heartbeat
 * interval and its long variant (6 s) above it.
 */
export const TIMING = {
  pollIntervalMs: 500,
  connectTimeoutMs: 2000,
  heartbeatIntervalMs: 3000,
  heartbeatTimeoutMs: 1500,
} as const

/** What the global setup hands every test file. */
export interface E2eRun {
  /** Temporary directory of this run: the build, proxy prefixes, PID files. */
  runDir: string
  /**
   * The one origin port the build points at (http://127.0.0.1:frontPort). Each case starts its
   * front (nginx, Caddy, or the simulator itself in direct cases) on it; files run one at a time.
   */
  frontPort: number
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: E2eRun
  }
}

export function e2eRun(): E2eRun {
  return inject('e2e')
}

export function pidDirOf(run: E2eRun): string {
  return path.join(run.runDir, 'pids')
}

/** The low end of the kernel's ephemeral port range (outgoing connections never take ports below). */
export function ephemeralLow(): number {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)
    const value = Number(low)
    return Number.isInteger(value) && value > 2048 ? value : 32768
  } catch {
    return 32768
  }
}
