/**
 * Verdicts for the layers below the socket and beside it: DNS, TCP, TLS, the page's own
 * constraints (online, mixed content, CSP) and the REST status route with its CORS headers.
 * Same rules as socketVerdicts.ts: observations in, verdict out, no side effects.
 */
import { formatDuration } from '../format'
import { blame, pass, type Verdict } from './verdict'

export interface DnsObservation {
  host: string
  addresses: readonly string[]
  error: string | null
  ms: number
}

export function judgeDns(o: DnsObservation): Verdict {
  if (o.addresses.length === 0) return blame('dns', 'fail', 'dns-failed', `${o.host} does not resolve (${o.error ?? 'no address'})`)
  return pass('dns', 'dns', `${o.host} → ${o.addresses.join(', ')} in ${formatDuration(o.ms)}`)
}

export interface TcpObservation {
  address: string
  port: number
  connected: boolean
  /** Error code, e.g. ECONNREFUSED, ETIMEDOUT. */
  error: string | null
  ms: number
  /**
   * Another address of the same host connected: clients fall back to it (after a delay), so a
   * failure here is a warning.
   */
  otherAddressWorks?: boolean
}

export function judgeTcp(o: TcpObservation): Verdict {
  const where = `${o.address.includes(':') ? `[${o.address}]` : o.address}:${o.port}`
  if (o.connected) return pass('tcp', 'tcp', `connected to ${where} in ${formatDuration(o.ms)}`)
  const level = o.otherAddressWorks ? 'warn' : 'fail'
  const also = o.otherAddressWorks ? ' (another address of the host works)' : ''
  if (o.error === 'ETIMEDOUT' || o.error === 'timeout') return blame('tcp', level, 'tcp-timeout', `${where}: no answer within ${formatDuration(o.ms)}${also}`)
  return blame('tcp', level, 'tcp-refused', `${where}: ${o.error ?? 'failed'}${also}`)
}

export interface TlsObservation {
  host: string
  /** e.g. TLSv1.3; null if no handshake completed. */
  protocol: string | null
  /** The chain verified against the trusted CAs (system, or --ca). */
  trusted: boolean
  /** Why it did not verify, e.g. DEPTH_ZERO_SELF_SIGNED_CERT. */
  trustError: string | null
  /** The certificate names this host. */
  nameMatches: boolean
  /** Expiry of the leaf certificate, epoch ms. */
  validTo: number | null
  now: number
  /** The chain as received, leaf first: subject common names. */
  chain: readonly string[]
  /** A handshake error, if there was no handshake at all. */
  error: string | null
  /** Verification was switched off (--insecure): untrusted is a warning, not a failure. */
  insecure: boolean
}

const EXPIRY_WARN_MS = 14 * 24 * 3600_000

export function judgeTls(o: TlsObservation): Verdict {
  if (o.protocol === null) {
    const notTls = /wrong version number|packet length too long|unknown protocol|EPROTO/i.test(o.error ?? '')
    return blame('tls', 'fail', notTls ? 'tls-not-tls' : 'tls-untrusted', `no TLS handshake with ${o.host} (${o.error ?? 'failed'})`)
  }
  const chain = o.chain.length ? `, chain ${o.chain.join(' ← ')}` : ''
  if (o.validTo !== null && o.validTo <= o.now) return blame('tls', 'fail', 'tls-expired', `${o.protocol}: certificate expired ${new Date(o.validTo).toISOString()}`)
  if (!o.nameMatches) return blame('tls', 'fail', 'tls-name-mismatch', `${o.protocol}: the certificate does not name ${o.host}${chain}`)
  if (!o.trusted) {
    const why = `${o.protocol}: certificate not trusted (${o.trustError ?? 'unknown issuer'})${chain}`
    return blame('tls', o.insecure ? 'warn' : 'fail', 'tls-untrusted', o.insecure ? `${why}; --insecure skips the check` : why)
  }
  if (o.validTo !== null && o.validTo - o.now < EXPIRY_WARN_MS) {
    const days = Math.floor((o.validTo - o.now) / (24 * 3600_000))
    return blame('tls', 'warn', 'tls-expiring', `${o.protocol}: certificate expires in ${days} day${days === 1 ? '' : 's'}`)
  }
  const until = o.validTo === null ? '' : `, valid until ${new Date(o.validTo).toISOString().slice(0, 10)}`
  return pass('tls', 'tls', `${o.protocol}, trusted, names ${o.host}${until}${chain}`)
}

export interface PageObservation {
  online: boolean
  /** `location.protocol`, e.g. `https:`; null when unknown. */
  pageProtocol: string | null
  wsUrl: string
  apiUrl: string
  /** URLs a Content-Security-Policy blocked while testing. */
  cspBlocked: readonly string[]
}

export function judgePage(o: PageObservation): Verdict[] {
  const verdicts: Verdict[] = []
  verdicts.push(o.online ? pass('online', 'browser', 'the browser reports a network') : blame('online', 'fail', 'offline', 'the browser reports no network'))
  const insecure = [o.wsUrl, o.apiUrl].filter((url) => /^(ws|http):/i.test(url))
  if (o.pageProtocol === 'https:' && insecure.length > 0) {
    verdicts.push(blame('mixed-content', 'fail', 'mixed-content', `an https page built to use ${insecure.join(' and ')}`))
  } else {
    verdicts.push(pass('mixed-content', 'browser', 'no insecure endpoint on a secure page'))
  }
  if (o.cspBlocked.length > 0) {
    verdicts.push(blame('csp', 'fail', 'csp-blocked', `the Content-Security-Policy blocked ${[...new Set(o.cspBlocked)].join(', ')}`))
  } else {
    verdicts.push(pass('csp', 'browser', 'no Content-Security-Policy violation'))
  }
  return verdicts
}

export interface RestObservation {
  url: string
  /** null for a network error (in a browser: also a CORS refusal). */
  status: number | null
  contentType: string | null
  /** The body parsed as JSON with a boolean `success`. */
  json: boolean
  /** The channel asked about is a real one (--channel), so 404 is a failure, not the expected answer. */
  realChannel: boolean
  error: string | null
  ms: number
}

export function judgeRest(o: RestObservation): Verdict {
  if (o.status === null) return blame('rest', 'fail', 'rest-unreachable', `${o.error ?? 'network error'} after ${formatDuration(o.ms)}`)
  const seen = `${o.status} ${o.contentType ?? 'no Content-Type'} in ${formatDuration(o.ms)}`
  if (!o.json) {
    if (o.status >= 500) return blame('rest', 'fail', 'rest-server-error', `${seen}, not the API's JSON`)
    return blame('rest', 'fail', 'rest-misrouted', `${seen}, not the API's JSON: the request did not reach the app server`)
  }
  if (o.status >= 500) return blame('rest', 'fail', 'rest-server-error', seen)
  if (o.status === 404) {
    return o.realChannel ? blame('rest', 'fail', 'channel-not-found', `${seen}: Payment channel not found`) : pass('rest', 'rest', `${seen}: the route answers (unknown channel, as asked)`)
  }
  if (o.status === 200) return pass('rest', 'rest', seen)
  return blame('rest', 'fail', 'rest-server-error', seen)
}

export interface CorsObservation {
  origin: string
  allowOrigin: string | null
  exposeHeaders: string | null
}

export function judgeCors(o: CorsObservation): Verdict {
  const allowed = o.allowOrigin === '*' || o.allowOrigin === o.origin
  if (!allowed) {
    return blame('cors', 'fail', 'cors-missing', `Access-Control-Allow-Origin is ${o.allowOrigin === null ? 'missing' : `"${o.allowOrigin}"`} for ${o.origin}`)
  }
  const exposed = (o.exposeHeaders ?? '').split(',').map((h) => h.trim().toLowerCase())
  if (!exposed.includes('retry-after') && !exposed.includes('*')) {
    return blame('cors', 'warn', 'cors-retry-after', `allowed for ${o.origin}, but Retry-After is not exposed`)
  }
  return pass('cors', 'cors', `allowed for ${o.origin} (${o.allowOrigin}), Retry-After exposed`)
}
