/**
 * Verdicts on the socket itself: the upgrade, compression, the welcome, the round trip, the idle
 * timeout, the Origin check and the first status. Observations in, verdict out, no side effects.
 */
import { formatDuration } from '../format'
import { describeCloseCode } from '../protocol/closeCodes'
import { blame, median, pass, type Verdict } from './verdict'

// ---- the WebSocket upgrade ----

export interface UpgradeObservation {
  /** HTTP status of the answer; null when none came. */
  status: number | null
  statusText: string
  /** Header names lower-case. */
  headers: Readonly<Record<string, string>>
  /** The first bytes of a non-101 body. */
  bodyStart: string
  /** No answer within the deadline. */
  timedOut: boolean
  waitedMs: number
  /** A connection-level error (reset, refused, TLS), if that is what ended it. */
  error: string | null
}

/** nginx's and Caddy's own error pages, as opposed to an answer from the app server behind them. */
function fromProxyItself(o: UpgradeObservation): boolean {
  const server = (o.headers.server ?? '').toLowerCase()
  return /<center>nginx/i.test(o.bodyStart) || ((server.includes('caddy') || server.includes('nginx')) && o.bodyStart.trim() === '')
}

export function judgeUpgrade(o: UpgradeObservation): Verdict {
  const seen = o.status === null ? '' : `${o.status} ${o.statusText}`.trim()
  if (o.status === 101) return pass('upgrade', 'proxy', `${seen}: the upgrade reached the WebSocket server`)
  if (o.status === null) {
    if (o.timedOut) return blame('upgrade', 'fail', 'handshake-stalled', `no answer to the upgrade within ${formatDuration(o.waitedMs)}`)
    return blame('upgrade', 'fail', 'upgrade-refused', `the connection ended without an answer (${o.error ?? 'closed'})`)
  }
  const type = (o.headers['content-type'] ?? '').toLowerCase()
  if (o.status === 200 && (type.includes('html') || /<html|<!doctype/i.test(o.bodyStart))) {
    return blame('upgrade', 'fail', 'proxy-serves-app', `${seen} with an HTML page: the proxy served the site instead of upgrading`)
  }
  if (o.status === 400 || o.status === 426) {
    return blame('upgrade', 'fail', 'upgrade-headers-dropped', `${seen}: the server got no Upgrade/Connection headers`)
  }
  if (o.status === 403) return blame('upgrade', 'fail', 'origin-refused', `${seen}: the Origin was refused`)
  if (o.status === 404) {
    if (fromProxyItself(o)) return blame('upgrade', 'fail', 'proxy-no-route', `${seen} from the proxy itself: nothing is routed at this path`)
    return blame(
      'upgrade',
      'fail',
      'upgrade-headers-dropped',
      `${seen} from behind the proxy: the app server saw a plain GET (Upgrade/Connection dropped), or the path is wrong`,
    )
  }
  if (o.status === 502 || o.status === 503 || o.status === 504) {
    return blame('upgrade', 'fail', 'backend-down', `${seen}: the proxy could not get an answer from the app server`)
  }
  return blame('upgrade', 'fail', 'upgrade-refused', `${seen} instead of 101 Switching Protocols`)
}

/** Proxy-revealing headers worth showing next to the upgrade answer. */
export function proxyHeaders(headers: Readonly<Record<string, string>>): string[] {
  return Object.entries(headers)
    .filter(([name]) => name === 'server' || name === 'via' || name.startsWith('cf-') || name.startsWith('x-served') || name === 'x-cache')
    .map(([name, value]) => `${name}: ${value}`)
}

export interface CompressionObservation {
  /** `permessage-deflate` was in the answer's Sec-WebSocket-Extensions when offered. */
  negotiated: boolean
  /** Status of the same upgrade without offering it (null: no answer). */
  withoutStatus: number | null
}

export function judgeCompression(o: CompressionObservation): Verdict {
  if (o.withoutStatus !== 101) {
    return blame('compression', 'fail', 'upgrade-refused', `the upgrade without permessage-deflate got ${o.withoutStatus ?? 'no answer'}`)
  }
  if (o.negotiated) return blame('compression', 'warn', 'compression', 'permessage-deflate negotiated; the upgrade without it works too')
  return pass('compression', 'backend', 'permessage-deflate not negotiated; the upgrade without offering it works too')
}

// ---- an open socket ----

export interface WelcomeObservation {
  /** From the upgrade request to `open`; null if it never opened. */
  openMs: number | null
  /** From `open` to the `connected` frame; null if none came. */
  welcomeAfterOpenMs: number | null
  /** Set if the socket closed before the welcome or right after it. */
  closed: { code: number; afterOpenMs: number } | null
}

const WELCOME_DEADLINE_MS = 1000
/** A socket cut sooner than this after its welcome "flapped": the production 1006 pattern. */
export const FLAP_LIFETIME_MS = 1000

export function judgeWelcome(o: WelcomeObservation): Verdict {
  if (o.openMs === null) return blame('welcome', 'fail', 'upgrade-refused', 'the socket never opened')
  const closed = o.closed
  if (closed && closed.code !== 1000 && closed.afterOpenMs < FLAP_LIFETIME_MS) {
    const welcomed = o.welcomeAfterOpenMs === null ? 'before any welcome' : 'right after the welcome'
    return blame('welcome', 'fail', 'flap', `closed ${describeCloseCode(closed.code)} ${formatDuration(closed.afterOpenMs)} after open, ${welcomed}`)
  }
  if (o.welcomeAfterOpenMs === null) return blame('welcome', 'fail', 'no-welcome', `no welcome within ${formatDuration(WELCOME_DEADLINE_MS)} of open`)
  if (o.welcomeAfterOpenMs > WELCOME_DEADLINE_MS) {
    return blame('welcome', 'warn', 'slow-welcome', `welcome ${formatDuration(o.welcomeAfterOpenMs)} after open (expected within ${formatDuration(WELCOME_DEADLINE_MS)})`)
  }
  return pass('welcome', 'backend', `open in ${formatDuration(o.openMs)}, welcome ${formatDuration(o.welcomeAfterOpenMs)} after open`)
}

export interface RttObservation {
  sent: number
  /** Round trips of the pongs that came back. */
  samplesMs: readonly number[]
}

const SLOW_RTT_MS = 1000

export function judgeRtt(o: RttObservation): Verdict {
  if (o.samplesMs.length === 0) return blame('rtt', 'fail', 'no-pong', `no pong for ${o.sent} ping${o.sent === 1 ? '' : 's'}`)
  const mid = median(o.samplesMs)
  const seen = `median ${formatDuration(mid)} over ${o.samplesMs.length} of ${o.sent} pings`
  if (o.samplesMs.length < o.sent) return blame('rtt', 'warn', 'no-pong', `${seen}: some got no pong`)
  if (mid > SLOW_RTT_MS) return blame('rtt', 'warn', 'slow-rtt', seen)
  return pass('rtt', 'backend', seen)
}

export interface HeldSocket {
  /** From the start of the hold to the close; null if it was still open when the hold ended. */
  closedAfterMs: number | null
  code: number | null
  /** Whether a close frame came (false: the connection was just dropped, 1006). */
  closeFrame: boolean
  /** The longest spell without a frame either way before the close. */
  quietBeforeCloseMs: number | null
}

export interface IdleObservation {
  holdMs: number
  /** The app's heartbeat period: an idle timeout below it cuts the app's sockets. */
  heartbeatIntervalMs: number
  quiet: HeldSocket
  /** A second socket pinged periodically during the hold (the command only). */
  pinged?: HeldSocket
}

function heldSummary(name: string, s: HeldSocket): string {
  if (s.closedAfterMs === null) return `${name} socket still open`
  const by = s.closeFrame ? 'closed by the server' : 'dropped without a close frame'
  return `${name} socket ${by} ${s.code === null ? '' : describeCloseCode(s.code).split(' (')[0] + ' '}after ${formatDuration(s.closedAfterMs)}`
}

export function judgeIdle(o: IdleObservation): Verdict {
  const parts = [heldSummary('quiet', o.quiet), ...(o.pinged ? [heldSummary('pinged', o.pinged)] : [])]
  const summary = `held ${formatDuration(o.holdMs)}: ${parts.join('; ')}`
  const { quiet, pinged } = o
  if (quiet.closedAfterMs === null) {
    if (pinged && pinged.closedAfterMs !== null && pinged.code !== 1000) return blame('idle', 'fail', 'connection-lifetime', summary)
    return pass('idle', 'proxy', summary)
  }
  if (quiet.closeFrame && quiet.code !== 1006) return blame('idle', 'warn', 'server-closed', summary)
  if (pinged && pinged.closedAfterMs === null) {
    // Traffic kept the pinged one alive: an idle timeout, and the quiet figure is its length.
    return quiet.closedAfterMs < o.heartbeatIntervalMs
      ? blame('idle', 'fail', 'idle-timeout', summary)
      : blame('idle', 'warn', 'idle-timeout-above-heartbeat', summary)
  }
  if (pinged && pinged.closedAfterMs !== null && (pinged.quietBeforeCloseMs ?? 0) + 1000 < quiet.closedAfterMs) {
    return blame('idle', 'fail', 'connection-lifetime', summary)
  }
  return quiet.closedAfterMs < o.heartbeatIntervalMs
    ? blame('idle', 'fail', 'idle-timeout', summary)
    : blame('idle', 'warn', 'idle-timeout-above-heartbeat', summary)
}

// ---- origin ----

export interface OriginObservation {
  origin: string
  /** Status of the upgrade sent with this Origin (null: no answer). */
  status: number | null
  /** True for an origin no deployment should allow. */
  foreign: boolean
}

export function judgeOrigin(o: OriginObservation): Verdict {
  const got = o.status === null ? 'no answer' : String(o.status)
  if (o.foreign) {
    if (o.status === 403) return pass('foreign-origin', 'origin', `a foreign Origin (${o.origin}) is refused (403)`)
    if (o.status === 101) return blame('foreign-origin', 'warn', 'origin-open', `a foreign Origin (${o.origin}) is accepted (101)`)
    return pass('foreign-origin', 'origin', `a foreign Origin (${o.origin}) is not upgraded (${got})`)
  }
  if (o.status === 101) return pass('origin', 'origin', `Origin ${o.origin} is accepted (101)`)
  if (o.status === 403) return blame('origin', 'fail', 'origin-refused', `Origin ${o.origin} is refused (403)`)
  return blame('origin', 'fail', 'upgrade-refused', `the upgrade with Origin ${o.origin} got ${got}`)
}

// ---- subscribe ----

export interface SubscribeObservation {
  /** Status code of the first `status_update`, or null. */
  firstStatus: string | null
  afterMs: number | null
  /** An `error` frame's message, if one came instead. */
  error: string | null
}

export function judgeSubscribe(o: SubscribeObservation): Verdict {
  if (o.firstStatus !== null) {
    return pass('subscribe', 'channel', `first status_update: ${o.firstStatus}${o.afterMs === null ? '' : ` after ${formatDuration(o.afterMs)}`}`)
  }
  if (o.error !== null && /not found/i.test(o.error)) return blame('subscribe', 'fail', 'channel-not-found', `the server says: ${o.error}`)
  if (o.error !== null) return blame('subscribe', 'fail', 'rest-server-error', `the server says: ${o.error}`)
  return blame('subscribe', 'fail', 'no-status', 'no status_update after subscribing')
}
