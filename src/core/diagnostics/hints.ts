/**
 * Hints: turns what the monitor recorded passively into likely causes a developer can act on
 * (proxy upgrade headers, idle timeouts, firewall, TLS, origin: the 1006 checklist in
 * docs/operations.md). Each hint carries the verdict of
 * the shared verdict module, so its layer and fix read as `npm run doctor` and the in-page
 * connection test say them. Pure: same input, same hints.
 */
import type { MonitorSnapshot } from '../machine/snapshot'
import type { SocketAttempt } from '../transports/socketAttempt'
import { formatSeconds } from '../format'
import type { CauseId } from './causes'
import { FLAP_LIFETIME_MS } from './socketVerdicts'
import { blame, type CheckId, type Verdict } from './verdict'
import { blockedEndpoints } from './mixedContent'

export type HintId =
  | 'offline'
  | 'mixed-content'
  | 'proxy-drops-socket'
  | 'upgrade-refused'
  | 'connect-timeout'
  | 'idle-timeout'
  | 'heartbeat-timeout'
  | 'poll-server-errors'

export interface Hint {
  id: HintId
  title: string
  /** Plain text, may span several sentences; ends with the fix. */
  text: string
  /** The same judgement in the words of the doctor and the connection test: level, layer, fix. */
  verdict: Verdict
}

/** The snapshot fields hints read; `heartbeatIntervalMs` matters because an idle timeout below it cuts healthy sockets. */
export type HintInput = Pick<MonitorSnapshot, 'attempts' | 'online' | 'endpoints' | 'pollFailures' | 'heartbeatIntervalMs'> & {
  /** `location.protocol` of the page, e.g. `https:`; null when unknown. */
  pageProtocol: string | null
}

/** Below this, "quiet before close" is a flap, not an idle timeout. */
const MIN_IDLE_MS = 1000

function notByUs(a: SocketAttempt): boolean {
  return a.closedBy !== 'client'
}

function flapped(a: SocketAttempt): boolean {
  return (
    a.closeCode === 1006 &&
    notByUs(a) &&
    a.openMs !== null &&
    a.welcomeMs !== null &&
    a.lifetimeMs !== null &&
    a.lifetimeMs < FLAP_LIFETIME_MS
  )
}

function refused(a: SocketAttempt): boolean {
  return a.closeCode === 1006 && notByUs(a) && a.openMs === null
}

function clientClosedFor(a: SocketAttempt, what: RegExp): boolean {
  return a.closedBy === 'client' && a.clientReason !== null && what.test(a.clientReason)
}

/**
 * The largest group of "quiet before close" figures that agree within a tolerance
 * (1 s or 20 %, whichever is larger), among unclean closes the app did not cause.
 */
function steadyQuiet(attempts: readonly SocketAttempt[], below: number): number[] {
  const values = attempts
    .filter((a) => notByUs(a) && a.wasClean !== true && a.quietMs !== null)
    .map((a) => a.quietMs as number)
    .filter((q) => q >= MIN_IDLE_MS && q < below)
    .sort((x, y) => x - y)
  let best: number[] = []
  for (let i = 0; i < values.length; i++) {
    const start = values[i] as number
    const group = values.filter((v) => v >= start && v - start <= Math.max(1000, start * 0.2))
    if (group.length > best.length) best = group
  }
  return best.length >= 2 ? best : []
}

/** HTTP status codes of the failed polls that the server (or a proxy) answered with a 5xx. */
function pollServerErrors(input: HintInput): string[] {
  return input.pollFailures.flatMap((f) => (f.httpStatus !== null && f.httpStatus >= 500 ? [String(f.httpStatus)] : []))
}

/** What a hint's detector found: its title and text (the shared fix is appended). */
interface Finding {
  title: string
  text: string
}

/** One row per hint: when it applies (`detect`), and the verdict it carries. */
interface HintRule {
  id: HintId
  check: CheckId
  level: 'warn' | 'fail'
  cause: CauseId
  detect(input: HintInput): Finding | null
}

/** `A socket` or `3 sockets`. */
function sockets(count: number): string {
  return count === 1 ? 'A socket' : `${count} sockets`
}

/** In the order they are shown. */
const RULES: readonly HintRule[] = [
  {
    id: 'offline',
    check: 'online',
    level: 'fail',
    cause: 'offline',
    detect: (input) =>
      input.online
        ? null
        : {
            title: 'The browser is offline',
            text: 'The browser reports no network. Nothing reaches the server until it comes back; the monitor resumes by itself when it does.',
          },
  },
  {
    id: 'mixed-content',
    check: 'mixed-content',
    level: 'fail',
    cause: 'mixed-content',
    detect: (input) => {
      const blocked = blockedEndpoints(input.pageProtocol, input.endpoints)
      if (blocked.length === 0) return null
      return {
        title: 'Mixed content: an https page using an insecure endpoint',
        text: `This page is served over https but was built to use ${blocked.join(' and ')}. Browsers block insecure connections from secure pages.`,
      }
    },
  },
  {
    id: 'proxy-drops-socket',
    check: 'welcome',
    level: 'fail',
    cause: 'flap',
    detect: (input) => {
      const flaps = input.attempts.filter(flapped)
      if (flaps.length < 2) return null
      const lifetimes = flaps.map((a) => `${a.lifetimeMs} ms`).join(', ')
      return {
        title: 'A proxy drops the socket right after the welcome',
        text:
          `${flaps.length} sockets opened, got the server's welcome and died with 1006 (no close ` +
          `frame) within a second (lived ${lifetimes}). The server accepted them, so something ` +
          'between browser and server cuts them: usually a reverse proxy (nginx, Caddy) or load balancer ' +
          'that does not pass the Upgrade and Connection headers, buffers or compresses the socket route, ' +
          'or has a very short idle timeout. Check the proxy logs at the moment of the close.',
      }
    },
  },
  {
    id: 'upgrade-refused',
    check: 'upgrade',
    level: 'fail',
    cause: 'upgrade-refused',
    detect: (input) => {
      const refusals = input.attempts.filter(refused)
      if (refusals.length === 0) return null
      return {
        title: 'The WebSocket upgrade is refused',
        text:
          `${sockets(refusals.length)} closed with 1006 ` +
          'without ever opening: the HTTP upgrade itself failed. Likely causes: the page origin ' +
          "is not on the server's allowed Origin list, a proxy on the path without WebSocket " +
          'support (Upgrade/Connection headers not forwarded), or a TLS problem (certificate, ' +
          "wss: to a port that does not speak TLS). The browser's Network tab, filtered by \"WS\", " +
          'shows the HTTP answer to the upgrade; `npm run doctor -- <socket URL>` names it.',
      }
    },
  },
  {
    id: 'connect-timeout',
    check: 'upgrade',
    level: 'fail',
    cause: 'handshake-stalled',
    detect: (input) => {
      const timeouts = input.attempts.filter((a) => clientClosedFor(a, /connect/i))
      if (timeouts.length === 0) return null
      return {
        title: 'The handshake does not finish in time',
        text:
          `${sockets(timeouts.length)} neither opened nor ` +
          'got the welcome before the connect timeout, and the app gave up on them. A firewall, ' +
          'corporate proxy or antivirus that holds the upgrade request (or silently drops it) is ' +
          'the usual cause; a very slow network is the other. Status keeps coming by polling.',
      }
    },
  },
  {
    id: 'idle-timeout',
    check: 'idle',
    level: 'fail',
    cause: 'idle-timeout',
    detect: (input) => {
      const quiet = steadyQuiet(input.attempts, input.heartbeatIntervalMs)
      if (quiet.length < 2) return null
      const typical = quiet[Math.floor(quiet.length / 2)] as number
      return {
        title: `An idle timeout of about ${formatSeconds(typical)} cuts quiet sockets`,
        text:
          `${quiet.length} sockets closed after about the same quiet time (${quiet.map(formatSeconds).join(', ')}) ` +
          `with no frame in between, shorter than the app's ${formatSeconds(input.heartbeatIntervalMs)} heartbeat. ` +
          'Something on the path (proxy_read_timeout in nginx, a load balancer\'s ' +
          'idle timeout in front of Caddy, a NAT) closes idle connections sooner than the heartbeat ' +
          'keeps them busy (or lower VITE_HEARTBEAT_INTERVAL_MS).',
      }
    },
  },
  {
    id: 'heartbeat-timeout',
    check: 'rtt',
    level: 'warn',
    cause: 'silent-path',
    detect: (input) => {
      const dead = input.attempts.filter((a) => clientClosedFor(a, /heartbeat/i))
      if (dead.length === 0) return null
      return {
        title: 'Sockets go silent without closing',
        text:
          `${sockets(dead.length)} stopped ` +
          'answering pings and the app closed it. The connection was lost somewhere without a ' +
          'close reaching the browser: a sleeping laptop, a network switch, or a proxy that drops ' +
          'idle connections without telling either end.',
      }
    },
  },
  {
    id: 'poll-server-errors',
    check: 'rest',
    level: 'warn',
    cause: 'rest-server-error',
    detect: (input) => {
      const errors = pollServerErrors(input)
      if (errors.length === 0) return null
      const distinct = [...new Set(errors)].join(', ')
      return {
        title: 'The status API answers with server errors',
        text:
          `${errors.length} status poll${errors.length === 1 ? '' : 's'} failed with HTTP ${distinct}. ` +
          '502/504 usually come from the reverse proxy (nginx, Caddy) when the app server is down or ' +
          'slow; 503 from maintenance or overload; 500 from the app itself. The monitor backs off and ' +
          'keeps trying.',
      }
    },
  },
]

/**
 * Every hint that applies, each with its text ending in the shared fix for its cause.
 * @example hintsFor({ ...snapshot, pageProtocol: location.protocol }).map((h) => h.title)
 */
export function hintsFor(input: HintInput): Hint[] {
  return RULES.flatMap((rule) => {
    const found = rule.detect(input)
    if (found === null) return []
    const verdict = blame(rule.check, rule.level, rule.cause, found.title)
    return [{ id: rule.id, title: found.title, text: `${found.text} Fix: ${verdict.fix}`, verdict }]
  })
}
