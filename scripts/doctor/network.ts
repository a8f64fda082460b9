/** The raw layers under the socket: DNS, a TCP connect per address, the TLS handshake. Each bounded. */
import { lookup } from 'node:dns/promises'
import net from 'node:net'
import tls from 'node:tls'
import type { DnsObservation, TcpObservation, TlsObservation } from '../../src/core/diagnostics/pathVerdicts'

export const STEP_TIMEOUT_MS = 5000

export interface Endpoint {
  host: string
  port: number
  secure: boolean
}

export function endpointOf(url: URL): Endpoint {
  const secure = url.protocol === 'wss:' || url.protocol === 'https:'
  // URL keeps brackets around IPv6 literals; sockets want the bare address.
  const host = url.hostname.replace(/^\[|\]$/g, '')
  return { host, port: url.port ? Number(url.port) : secure ? 443 : 80, secure }
}

/** Rejects with `timeout` if `promise` has not settled within `ms`; the timer never outlives it. */
export function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms)
  })
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer))
}

export async function resolveHost(host: string): Promise<DnsObservation> {
  const started = performance.now()
  if (net.isIP(host)) return { host, addresses: [host], error: null, ms: 0 }
  try {
    const found = await within(lookup(host, { all: true }), STEP_TIMEOUT_MS)
    return { host, addresses: found.map((a) => a.address), error: null, ms: performance.now() - started }
  } catch (error) {
    return { host, addresses: [], error: (error as NodeJS.ErrnoException).code ?? (error as Error).message, ms: performance.now() - started }
  }
}

export function connectTcp(address: string, port: number): Promise<TcpObservation> {
  const started = performance.now()
  return new Promise((resolve) => {
    const socket = net.connect({ host: address, port })
    const done = (connected: boolean, error: string | null): void => {
      socket.destroy()
      resolve({ address, port, connected, error, ms: performance.now() - started })
    }
    socket.setTimeout(STEP_TIMEOUT_MS, () => done(false, 'ETIMEDOUT'))
    socket.once('connect', () => done(true, null))
    socket.once('error', (error: NodeJS.ErrnoException) => done(false, error.code ?? error.message))
  })
}

/** TLS options for every later connection: SNI for names (not IPs), the extra CA, verification. */
export function tlsOptionsFor(host: string, ca: Buffer | null, insecure: boolean): tls.ConnectionOptions {
  return { servername: net.isIP(host) ? undefined : host, ca: ca ? [...tls.rootCertificates, ca.toString('utf8')] : undefined, rejectUnauthorized: !insecure }
}

function commonName(cert: tls.PeerCertificate): string {
  const pick = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value)
  return pick(cert.subject?.CN) ?? pick(cert.subject?.O) ?? '?'
}

/** The chain as received, leaf first, without repeating a self-signed root. */
function chainOf(leaf: tls.DetailedPeerCertificate): string[] {
  const names: string[] = []
  const seen = new Set<string>()
  let cert: tls.DetailedPeerCertificate | undefined = leaf
  while (cert && !seen.has(cert.fingerprint256) && names.length < 6) {
    seen.add(cert.fingerprint256)
    names.push(commonName(cert))
    cert = cert.issuerCertificate
  }
  return names
}

/** Handshakes without rejecting, so an untrusted or mismatched certificate can be described. */
export function inspectTls(endpoint: Endpoint, address: string, ca: Buffer | null, insecure: boolean): Promise<TlsObservation> {
  const base = { host: endpoint.host, now: Date.now(), insecure }
  return new Promise((resolve) => {
    const socket = tls.connect({ ...tlsOptionsFor(endpoint.host, ca, insecure), host: address, port: endpoint.port, rejectUnauthorized: false })
    const fail = (error: string): void => {
      socket.destroy()
      resolve({ ...base, protocol: null, trusted: false, trustError: null, nameMatches: false, validTo: null, chain: [], error })
    }
    socket.setTimeout(STEP_TIMEOUT_MS, () => fail('no TLS handshake within 5 s'))
    socket.once('error', (error: NodeJS.ErrnoException) => fail(error.code ? `${error.code}: ${error.message}` : error.message))
    socket.once('secureConnect', () => {
      const leaf = socket.getPeerCertificate(true)
      const nameError = leaf && leaf.raw ? tls.checkServerIdentity(endpoint.host, leaf) : new Error('no certificate')
      const validTo = leaf?.valid_to ? Date.parse(leaf.valid_to) : NaN
      resolve({
        ...base,
        protocol: socket.getProtocol(),
        trusted: socket.authorized,
        trustError: socket.authorizationError ? String(socket.authorizationError) : null,
        nameMatches: nameError === undefined,
        validTo: Number.isFinite(validTo) ? validTo : null,
        chain: leaf?.raw ? chainOf(leaf) : [],
        error: null,
      })
      socket.destroy()
    })
  })
}
