/** The doctor's command line: `npm run doctor -- <ws url> [options]`, parsed and checked. */
import { readFileSync } from 'node:fs'
import { DEFAULTS } from '../../src/core/config'

export interface DoctorOptions {
  wsUrl: URL
  /** REST origin (and optional prefix); defaults to the socket's host over http(s). */
  apiUrl: URL
  /** The page origin to test with (what a browser sends as Origin); null: none sent. */
  origin: string | null
  channel: string | null
  /** How long the idle-timeout step holds its sockets. */
  holdMs: number
  /** Extra trusted CA certificates (PEM), for a private CA or a self-signed front. */
  ca: Buffer | null
  /** Skip certificate verification for the later steps (the TLS step still reports it). */
  insecure: boolean
  json: boolean
  /** The app's heartbeat period: an idle timeout below it cuts the app's sockets. */
  heartbeatIntervalMs: number
}

export const USAGE = `Usage: npm run doctor -- <ws url> [options]

Checks a deployment of the payment monitor layer by layer: DNS, TCP, TLS, the WebSocket upgrade,
welcome and round trip, idle timeout, Origin, the REST status route and CORS.

  <ws url>           e.g. wss://data.dlux.io/ws/payment-monitor
  --api URL          REST origin (default: the socket's host over https/http)
  --origin URL       page origin to send as Origin (e.g. https://vue.dlux.io)
  --channel ID       also subscribe to this channel and read its status
  --hold S           idle-timeout hold in seconds (default 90)
  --ca FILE          trust this CA certificate (PEM) as well
  --insecure         do not verify certificates after the TLS step
  --json             machine-readable report on stdout
  -h, --help         this text

Exit code: 0 every check passed, 1 the worst verdict is WARN, 2 a check FAILED, 3 bad usage.`

export class UsageError extends Error {}

function valueOf(args: string[], i: number, name: string): string {
  const value = args[i + 1]
  if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value`)
  return value
}

function parseUrl(raw: string, protocols: string[], what: string): URL {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new UsageError(`${what}: not a URL: ${raw}`)
  }
  if (!protocols.includes(url.protocol)) throw new UsageError(`${what} must be ${protocols.join(' or ')}, got ${url.protocol}`)
  // A fragment never reaches a server, and a WebSocket URL may not carry one at all (the socket
  // library refuses it): say so here rather than fail halfway through the checks.
  if (raw.includes('#')) throw new UsageError(`${what} has a #fragment, which never reaches the server: drop "${raw.slice(raw.indexOf('#'))}"`)
  return url
}

export function parseArgs(args: readonly string[]): DoctorOptions | 'help' {
  const rest = [...args]
  let ws: string | null = null
  let api: string | null = null
  let origin: string | null = null
  let channel: string | null = null
  let holdS = 90
  let caFile: string | null = null
  let insecure = false
  let json = false
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string
    switch (arg) {
      case '-h':
      case '--help':
        return 'help'
      case '--api':
        api = valueOf(rest, i++, arg)
        break
      case '--origin':
        origin = valueOf(rest, i++, arg)
        break
      case '--channel':
        channel = valueOf(rest, i++, arg)
        break
      case '--hold':
        holdS = Number(valueOf(rest, i++, arg))
        if (!Number.isFinite(holdS) || holdS < 0 || holdS > 3600) throw new UsageError('--hold must be 0 to 3600 seconds')
        break
      case '--ca':
        caFile = valueOf(rest, i++, arg)
        break
      case '--insecure':
        insecure = true
        break
      case '--json':
        json = true
        break
      default:
        if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`)
        if (ws !== null) throw new UsageError(`one socket URL only (got ${ws} and ${arg})`)
        ws = arg
    }
  }
  if (ws === null) throw new UsageError('the socket URL is missing')
  if (caFile !== null && insecure) throw new UsageError('--ca and --insecure exclude each other')
  const wsUrl = parseUrl(ws, ['ws:', 'wss:'], 'the socket URL')
  const apiUrl = api === null ? new URL(`${wsUrl.protocol === 'wss:' ? 'https:' : 'http:'}//${wsUrl.host}`) : parseUrl(api, ['http:', 'https:'], '--api')
  if (origin !== null) origin = parseUrl(origin, ['http:', 'https:'], '--origin').origin
  let ca: Buffer | null = null
  if (caFile !== null) {
    try {
      ca = readFileSync(caFile)
    } catch (error) {
      throw new UsageError(`--ca: cannot read ${caFile}: ${(error as Error).message}`)
    }
  }
  return { wsUrl, apiUrl, origin, channel, holdMs: holdS * 1000, ca, insecure, json, heartbeatIntervalMs: DEFAULTS.heartbeatIntervalMs }
}
