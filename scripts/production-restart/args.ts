/** The command line of `scripts/production-restart.ts`, parsed and checked before anything starts. */
import { existsSync } from 'node:fs'
import path from 'node:path'

export interface RestartOptions {
  /** A checkout of dluxio/docker-data (absolute). */
  dockerData: string
  /** The production socket server's file in it. */
  wsmonitorFile: string
  /** How long the socket server stays down after the kill. */
  downMs: number
  /** Kill-and-restart rounds, each with a fresh page. */
  runs: number
  /** How long the page runs on a healthy socket before the kill (it must outlast `stableAfterMs`). */
  healthyMs: number
}

export const USAGE = `Usage: npx tsx scripts/production-restart.ts --docker-data <dir> [--down-ms 10000] [--runs 3] [--healthy-ms 20000]

Runs the production socket server (api/wsmonitor.js of a dluxio/docker-data checkout) on 127.0.0.1,
opens the built app on it in Chromium, kills the server with SIGKILL, starts it again after
--down-ms and measures how long the page takes to be back on the socket.`

export class UsageError extends Error {}

const LIMITS = {
  '--down-ms': { min: 0, max: 600_000 },
  '--runs': { min: 1, max: 20 },
  '--healthy-ms': { min: 6_000, max: 600_000 },
} as const

function whole(name: keyof typeof LIMITS, raw: string | undefined): number {
  if (raw === undefined || raw.startsWith('--')) throw new UsageError(`${name} needs a value`)
  const value = Number(raw)
  const { min, max } = LIMITS[name]
  if (!/^\d+$/.test(raw) || value < min || value > max) throw new UsageError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`)
  return value
}

/** `exists` is injected so the checks can be tested without a checkout on disk. */
export function parseArgs(argv: readonly string[], exists: (file: string) => boolean = existsSync): RestartOptions | 'help' {
  let dockerData: string | null = null
  const numbers = { '--down-ms': 10_000, '--runs': 3, '--healthy-ms': 20_000 }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '-h' || arg === '--help') return 'help'
    if (arg === '--docker-data') {
      const value = argv[++i]
      if (value === undefined || value.startsWith('--')) throw new UsageError('--docker-data needs a value')
      dockerData = path.resolve(value)
    } else if (arg in numbers) {
      numbers[arg as keyof typeof numbers] = whole(arg as keyof typeof LIMITS, argv[++i])
    } else {
      throw new UsageError(`unknown option: ${arg}`)
    }
  }
  if (dockerData === null) throw new UsageError('--docker-data <dir> is required: a checkout of https://github.com/dluxio/docker-data')
  const wsmonitorFile = path.join(dockerData, 'api', 'wsmonitor.js')
  if (!exists(wsmonitorFile)) {
    throw new UsageError(`${dockerData} is not a checkout of dluxio/docker-data: ${wsmonitorFile} does not exist`)
  }
  return { dockerData, wsmonitorFile, downMs: numbers['--down-ms'], runs: numbers['--runs'], healthyMs: numbers['--healthy-ms'] }
}
