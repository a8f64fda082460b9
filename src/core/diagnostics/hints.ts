/**
 * Hints: turns what the monitor recorded passively into likely causes a developer can act on
 * (proxy upgrade headers, idle timeouts, firewall, TLS, origin: the 1006 checklist in
 * docs/operations.md). Each hint carries the verdict of
 * the shared verdict module, so its layer and fix read as `npm run doctor` and the in-page
 * connection test say them. Pure: same input, same hints.
 */
import type { MonitorSnapshot, SocketAttempt } from '../machine/snapshot'
import type { CauseId } from './causes'
import { blame, FLAP_LIFETIME_MS, type CheckId, type Verdict } from './verdicts'
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

/** A hint whose text ends with the shared fix for its cause. */
function hint(id: HintId, title: string, text: string, check: CheckId, level: 'warn' | 'fail', cause: CauseId): Hint {
  const verdict = blame(check, level, cause, title)
  return { id, title, text: `${text} Fix: ${verdict.fix}`, verdict }
}

function notByUs(a: SocketAttempt): boolean {
  return a.closedBy !== 'client'
}

function seconds(ms: number): string {
  const s = ms / 1000
  return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`
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

export function hintsFor(input: HintInput): Hint[] {
  const hints: Hint[] = []
  const attempts = input.attempts

  if (!input.online) {
    hints.push(
      hint(
        'offline',
        'The browser is offline',
        'The browser reports no network. Nothing reaches the server until it comes back; the monitor resumes by itself when it does.',
        'online',
        'fail',
        'offline',
      ),
    )
  }

  const blocked = blockedEndpoints(input.pageProtocol, input.endpoints)
  if (blocked.length > 0) {
    hints.push(
      hint(
        'mixed-content',
        'Mixed content: an https page using an insecure endpoint',
        `This page is served over https but was built to use ${blocked.join(' and ')}. Browsers block insecure connections from secure pages.`,
        'mixed-content',
        'fail',
        'mixed-content',
      ),
    )
  }

  const flaps = attempts.filter(flapped)
  if (flaps.length >= 2) {
    const lifetimes = flaps.map((a) => `${a.lifetimeMs} ms`).join(', ')
    hints.push(
      hint(
        'proxy-drops-socket',
        'A proxy drops the socket right after the welcome',
        `${flaps.length} sockets opened, got the server's welcome and died with 1006 (no close ` +
          `frame) within a second (lived ${lifetimes}). The server accepted them, so something ` +
          'between browser and server cuts them: usually a reverse proxy (nginx, Caddy) or load balancer ' +
          'that does not pass the Upgrade and Connection headers, buffers or compresses the socket route, ' +
          'or has a very short idle timeout. Check the proxy logs at the moment of the close.',
        'welcome',
        'fail',
        'flap',
      ),
    )
  }

  const refusals = attempts.filter(refused)
  if (refusals.length >= 1) {
    hints.push(
      hint(
        'upgrade-refused',
        'The WebSocket upgrade is refused',
        `${refusals.length === 1 ? 'A socket' : `${refusals.length} sockets`} closed with 1006 ` +
          'without ever opening: the HTTP upgrade itself failed. Likely causes: the page origin ' +
          "is not on the server's allowed Origin list, a proxy on the path without WebSocket " +
          'support (Upgrade/Connection headers not forwarded), or a TLS problem (certificate, ' +
          "wss: to a port that does not speak TLS). The browser's Network tab, filtered by \"WS\", " +
          'shows the HTTP answer to the upgrade; `npm run doctor -- <socket URL>` names it.',
        'upgrade',
        'fail',
        'upgrade-refused',
      ),
    )
  }

  const timeouts = attempts.filter((a) => clientClosedFor(a, /connect/i))
  if (timeouts.length >= 1) {
    hints.push(
      hint(
        'connect-timeout',
        'The handshake does not finish in time',
        `${timeouts.length === 1 ? 'A socket' : `${timeouts.length} sockets`} neither opened nor ` +
          'got the welcome before the connect timeout, and the app gave up on them. A firewall, ' +
          'corporate proxy or antivirus that holds the upgrade request (or silently drops it) is ' +
          'the usual cause; a very slow network is the other. Status keeps coming by polling.',
        'upgrade',
        'fail',
        'handshake-stalled',
      ),
    )
  }

  const quiet = steadyQuiet(attempts, input.heartbeatIntervalMs)
  if (quiet.length >= 2) {
    const typical = quiet[Math.floor(quiet.length / 2)] as number
    hints.push(
      hint(
        'idle-timeout',
        `An idle timeout of about ${seconds(typical)} cuts quiet sockets`,
        `${quiet.length} sockets closed after about the same quiet time (${quiet
          .map(seconds)
          .join(', ')}) with no frame in between, shorter than the app's ${seconds(
          input.heartbeatIntervalMs,
        )} heartbeat. Something on the path (proxy_read_timeout in nginx, a load balancer's ` +
          'idle timeout in front of Caddy, a NAT) closes idle connections sooner than the heartbeat ' +
          'keeps them busy (or lower VITE_HEARTBEAT_INTERVAL_MS).',
        'idle',
        'fail',
        'idle-timeout',
      ),
    )
  }

  const deadSockets = attempts.filter((a) => clientClosedFor(a, /heartbeat/i))
  if (deadSockets.length >= 1) {
    hints.push(
      hint(
        'heartbeat-timeout',
        'Sockets go silent without closing',
        `${deadSockets.length === 1 ? 'A socket' : `${deadSockets.length} sockets`} stopped ` +
          'answering pings and the app closed it. The connection was lost somewhere without a ' +
          'close reaching the browser: a sleeping laptop, a network switch, or a proxy that drops ' +
          'idle connections without telling either end.',
        'rtt',
        'warn',
        'silent-path',
      ),
    )
  }

  const errors = pollServerErrors(input)
  if (errors.length >= 1) {
    const distinct = [...new Set(errors)].join(', ')
    hints.push(
      hint(
        'poll-server-errors',
        'The status API answers with server errors',
        `${errors.length} status poll${errors.length === 1 ? '' : 's'} failed with HTTP ${distinct}. ` +
          '502/504 usually come from the reverse proxy (nginx, Caddy) when the app server is down or ' +
          'slow; 503 from maintenance or overload; 500 from the app itself. The monitor backs off and ' +
          'keeps trying.',
        'rest',
        'warn',
        'rest-server-error',
      ),
    )
  }

  return hints
}
