/**
 * The WebSocket upgrade request written by hand on a TCP or TLS socket, so the answer can be shown
 * exactly as received (status line and headers), whatever it is: a 101, a proxy's HTML page, a
 * refusal, or nothing at all. The socket is destroyed once the head (and a little body) is read.
 */
import { randomBytes } from 'node:crypto'
import net from 'node:net'
import tls from 'node:tls'
import type { UpgradeObservation } from '../../src/core/diagnostics/socketVerdicts'
import { STEP_TIMEOUT_MS, endpointOf, tlsOptionsFor } from './network'

export interface UpgradeRequest {
  url: URL
  origin: string | null
  /** Offer `permessage-deflate`, as browsers do. */
  offerDeflate: boolean
  ca: Buffer | null
  insecure: boolean
  timeoutMs?: number
}

export interface RawUpgrade extends UpgradeObservation {
  /** The status line and header lines exactly as received. */
  head: string[]
  /** `permessage-deflate` came back in Sec-WebSocket-Extensions. */
  deflate: boolean
}

/** How much of a non-101 body to keep, and how long to wait for it after the head. */
const BODY_BYTES = 1024
const BODY_WAIT_MS = 300

function parseHead(text: string): Pick<RawUpgrade, 'head' | 'status' | 'statusText' | 'headers'> {
  const head = text.split('\r\n').filter((line) => line !== '')
  const match = /^HTTP\/\d(?:\.\d)? (\d{3}) ?(.*)$/.exec(head[0] ?? '')
  const headers: Record<string, string> = {}
  for (const line of head.slice(1)) {
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    const name = line.slice(0, colon).trim().toLowerCase()
    const value = line.slice(colon + 1).trim()
    headers[name] = headers[name] ? `${headers[name]}, ${value}` : value
  }
  return { head, status: match ? Number(match[1]) : null, statusText: match?.[2] ?? '', headers }
}

export function rawUpgrade(request: UpgradeRequest): Promise<RawUpgrade> {
  const { url } = request
  const endpoint = endpointOf(url)
  const timeoutMs = request.timeoutMs ?? STEP_TIMEOUT_MS
  const started = performance.now()
  const lines = [
    `GET ${url.pathname}${url.search} HTTP/1.1`,
    `Host: ${url.host}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
    ...(request.offerDeflate ? ['Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits'] : []),
    ...(request.origin ? [`Origin: ${request.origin}`] : []),
    'User-Agent: dlux-payment-monitor-doctor',
  ]
  return new Promise((resolve) => {
    const socket: net.Socket = endpoint.secure
      ? tls.connect({ ...tlsOptionsFor(endpoint.host, request.ca, request.insecure), host: endpoint.host, port: endpoint.port })
      : net.connect({ host: endpoint.host, port: endpoint.port })
    let buffer = Buffer.alloc(0)
    let headEnd = -1
    let settled = false
    let bodyTimer: NodeJS.Timeout | undefined
    const finish = (extra: { timedOut?: boolean; error?: string | null } = {}): void => {
      if (settled) return
      settled = true
      clearTimeout(deadline)
      clearTimeout(bodyTimer)
      socket.destroy()
      const text = buffer.toString('latin1')
      const parsed = headEnd >= 0 ? parseHead(text.slice(0, headEnd)) : { head: [], status: null, statusText: '', headers: {} }
      const extensions = (parsed.headers['sec-websocket-extensions'] ?? '').toLowerCase()
      resolve({
        ...parsed,
        bodyStart: headEnd >= 0 && parsed.status !== 101 ? buffer.subarray(headEnd + 4, headEnd + 4 + BODY_BYTES).toString('utf8') : '',
        timedOut: extra.timedOut ?? false,
        waitedMs: performance.now() - started,
        error: extra.error ?? null,
        deflate: extensions.includes('permessage-deflate'),
      })
    }
    const deadline = setTimeout(() => finish(headEnd >= 0 ? {} : { timedOut: true }), timeoutMs)
    socket.once(endpoint.secure ? 'secureConnect' : 'connect', () => socket.write(`${lines.join('\r\n')}\r\n\r\n`))
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk])
      if (headEnd < 0) headEnd = buffer.indexOf('\r\n\r\n')
      if (headEnd < 0) return
      if (parseHead(buffer.toString('latin1', 0, headEnd)).status === 101 || buffer.length >= headEnd + 4 + BODY_BYTES) finish()
      else bodyTimer ??= setTimeout(() => finish(), BODY_WAIT_MS)
    })
    socket.once('end', () => finish(headEnd >= 0 ? {} : { error: 'the server closed the connection' }))
    socket.once('error', (error: NodeJS.ErrnoException) => finish({ error: error.code ? `${error.code}: ${error.message}` : error.message }))
  })
}
