/**
 * `npm run doctor -- <ws url> [options]`: checks a deployment of the payment monitor layer by layer
 * and prints verdicts (README.md, "Connection doctor"). Exit code: 0 pass, 1 warn, 2 fail, 3 usage.
 */
import { parseArgs, USAGE, UsageError } from './args'
import { footer, header, renderJson, stepLines, styleFor } from './render'
import { runDoctor } from './run'

/** Every step is bounded; this is the backstop should one not be, so the command always ends. */
const SAFETY_MARGIN_MS = 90_000

async function main(argv: readonly string[]): Promise<number> {
  let options
  try {
    options = parseArgs(argv)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    process.stderr.write(`doctor: ${error.message}\n\n${USAGE}\n`)
    return 3
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  const backstop = setTimeout(() => {
    process.stderr.write('doctor: a step did not end in time; giving up\n')
    process.exit(2)
  }, options.holdMs + SAFETY_MARGIN_MS)
  backstop.unref()

  const style = styleFor(process.stdout, process.env)
  let index = 0
  if (!options.json) {
    process.stdout.write(header({ target: { wsUrl: options.wsUrl.href, apiUrl: options.apiUrl.href, origin: options.origin, channel: options.channel, holdMs: options.holdMs } }, style).join('\n') + '\n')
  }
  const report = await runDoctor(options, (step) => {
    if (!options.json) process.stdout.write(stepLines(step, index, style).join('\n') + '\n')
    index++
  })
  process.stdout.write(options.json ? renderJson(report) : footer(report, style).join('\n') + '\n')
  clearTimeout(backstop)
  return report.exitCode
}

// A reader that stops early (`| head`) is not an error of ours: end quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error
  process.exit(process.exitCode ?? 0)
})

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`doctor: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    process.exitCode = 3
  },
)
