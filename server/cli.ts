/**
 * `npm run simulator -- --port <n>`: the payment simulator alone on 127.0.0.1.
 * Prints `Payment simulator listening on http://127.0.0.1:PORT` (tests and e2e parse that line).
 */
import { parseArgs } from 'node:util'
import { FAULT_NAMES, isFaultName } from './faultTable.js'
import { createSimulator, type SimulatorOptions } from './simulator.js'

const USAGE = `Usage: npm run simulator -- [options]

  --port <n>                 port on 127.0.0.1 (0 = any free port)     default 0
  --speed <x>                timeline time scale (1 ≈ 22 s per demo)   default 1
  --fault <name>             start with a global fault
  --status-interval-ms <n>   status_update period while subscribed    default 10000
  --restart-ms <n>           how long the restart fault refuses       default 3000
  --quiet                    no log lines
  --help

Faults: ${FAULT_NAMES.join(', ')}`

/** Parses a non-negative number option; exits with the usage on nonsense. */
function numberOption(name: string, raw: string | undefined, integer: boolean): number | undefined {
  if (raw === undefined) return undefined
  const value = Number(raw)
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
    fail(`--${name} must be a ${integer ? 'whole ' : ''}number, got ${JSON.stringify(raw)}`)
  }
  return value
}

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`)
  process.exit(2)
}

function parseOptions(argv: string[]): SimulatorOptions {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        speed: { type: 'string' },
        fault: { type: 'string' },
        'status-interval-ms': { type: 'string' },
        'restart-ms': { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
    }).values
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error))
  }
  if (parsed.help) {
    console.log(USAGE)
    process.exit(0)
  }
  const port = numberOption('port', parsed.port, true)
  if (port !== undefined && port > 65535) fail('--port must be at most 65535')
  const speed = numberOption('speed', parsed.speed, false)
  if (speed === 0) fail('--speed must be above 0')
  if (parsed.fault !== undefined && !isFaultName(parsed.fault)) fail(`Unknown fault ${JSON.stringify(parsed.fault)}`)
  const options: SimulatorOptions = { host: '127.0.0.1', port: port ?? 0 }
  if (speed !== undefined) options.speed = speed
  if (parsed.fault !== undefined) options.fault = parsed.fault as SimulatorOptions['fault']
  const interval = numberOption('status-interval-ms', parsed['status-interval-ms'], true)
  if (interval !== undefined) options.statusIntervalMs = Math.max(1, interval)
  const restartMs = numberOption('restart-ms', parsed['restart-ms'], true)
  if (restartMs !== undefined) options.restartMs = restartMs
  if (parsed.quiet) options.quiet = true
  return options
}

async function main(): Promise<void> {
  const sim = await createSimulator(parseOptions(process.argv.slice(2)))
  // Printed even with --quiet: it is the one line other tools read.
  console.log(`Payment simulator listening on ${sim.url}`)
  let stopping = false
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    console.log(`Payment simulator stopping (${signal})`)
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
