/** Small HTTP helpers shared by the REST and admin routes: CORS, JSON in and out, loopback tests. */
import type { IncomingMessage, ServerResponse } from 'node:http'

/** Largest request body read, in bytes. The real server allows more; nothing here needs it. */
export const MAX_BODY_BYTES = 64 * 1024

/** `http(s)://localhost`, `127.0.0.1` or `[::1]`, any port: the origins CORS is open to. */
export function isLoopbackOrigin(origin: string | undefined): boolean {
  if (!origin) return false
  let url: URL
  try {
    url = new URL(origin)
  } catch {
    return false
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false
  return url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]'
}

/** True when the request comes from this machine. Admin routes answer only then. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.')
}

/**
 * Adds CORS headers for a loopback origin. `Retry-After` and `Date` are exposed because the app
 * reads them across origins (backoff, server clock); without the expose header it cannot.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin
  res.setHeader('Vary', 'Origin')
  if (!isLoopbackOrigin(origin)) return
  res.setHeader('Access-Control-Allow-Origin', origin as string)
  res.setHeader('Access-Control-Allow-Credentials', 'true')
  res.setHeader('Access-Control-Expose-Headers', 'Retry-After, Date')
}

/** Answers a CORS preflight. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  applyCors(req, res)
  if (isLoopbackOrigin(req.headers.origin)) {
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS')
    // Only the headers a JSON client sends; echoing whatever was asked would allow anything.
    res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Cache-Control, Pragma')
    res.setHeader('Access-Control-Max-Age', '600')
  }
  res.statusCode = 204
  res.end()
}

/** Sends a JSON body (CORS headers must already be set). */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return
  const text = JSON.stringify(body)
  res.statusCode = status
  res.setHeader('Content-Type', 'application/json; charset=utf-8')
  res.setHeader('Content-Length', Buffer.byteLength(text))
  res.setHeader('Cache-Control', 'no-store')
  res.end(text)
}

/** A plain HTTP answer written instead of the normal one (a proxy's error page, a refusal). */
export interface HttpRefusal {
  status: number
  statusText: string
  headers?: Record<string, string>
  body: string
}

/** Sends a proxy-style HTML error page. */
export function sendRefusal(res: ServerResponse, refusal: HttpRefusal): void {
  if (res.writableEnded || res.destroyed) return
  res.statusCode = refusal.status
  res.statusMessage = refusal.statusText
  for (const [name, value] of Object.entries(refusal.headers ?? {})) res.setHeader(name, value)
  res.setHeader('Content-Type', 'text/html')
  res.setHeader('Content-Length', Buffer.byteLength(refusal.body))
  res.end(refusal.body)
}

/** Why a body could not be read; carries the status to answer with. */
export class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

/** Reads and parses a JSON body, at most MAX_BODY_BYTES. An empty body reads as `{}`. */
export function readJsonBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let failed = false
    req.on('data', (chunk: Buffer) => {
      if (failed) return
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        failed = true
        reject(new BodyError(413, 'Request entity too large'))
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (failed) return
      const text = Buffer.concat(chunks).toString('utf8').trim()
      if (text === '') return resolve({})
      try {
        resolve(JSON.parse(text))
      } catch {
        reject(new BodyError(400, 'Invalid JSON body'))
      }
    })
    req.on('error', (error) => {
      if (!failed) reject(error)
      failed = true
    })
  })
}

/** A plain object (not null, not an array), for reading untrusted JSON. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The request path without its query string. */
export function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/'
  const query = url.indexOf('?')
  return query === -1 ? url : url.slice(0, query)
}

/** The query parameters of a request. */
export function queryOf(req: IncomingMessage): URLSearchParams {
  const url = req.url ?? '/'
  const query = url.indexOf('?')
  return new URLSearchParams(query === -1 ? '' : url.slice(query + 1))
}
