/** The REST status route, asked the way the page asks it (GET, with the page's Origin), bounded. */
import http from 'node:http'
import https from 'node:https'
import type { CorsObservation, RestObservation } from '../../src/core/diagnostics/pathVerdicts'
import { STEP_TIMEOUT_MS, endpointOf, tlsOptionsFor } from './network'

/** A channel id no server has: the route must answer its JSON 404. */
export const UNKNOWN_CHANNEL = '00000000000000000000000000000000'

export interface RestProbe {
  rest: RestObservation
  cors: CorsObservation | null
  /** The stored status, when a real channel was asked about and found. */
  channelStatus: string | null
  /** Response headers worth showing. */
  headers: string[]
}

const BODY_LIMIT = 64 * 1024
const SHOWN_HEADERS = ['content-type', 'access-control-allow-origin', 'access-control-allow-credentials', 'access-control-expose-headers', 'retry-after', 'server', 'via']

export function statusUrl(apiUrl: URL, channelId: string): URL {
  const base = apiUrl.href.replace(/\/+$/, '')
  return new URL(`${base}/api/onboarding/payment/status/${encodeURIComponent(channelId)}`)
}

export function probeRest(apiUrl: URL, channel: string | null, origin: string | null, ca: Buffer | null, insecure: boolean): Promise<RestProbe> {
  const url = statusUrl(apiUrl, channel ?? UNKNOWN_CHANNEL)
  const endpoint = endpointOf(url)
  const started = performance.now()
  const base = { url: url.href, realChannel: channel !== null }
  return new Promise((resolve) => {
    const client = endpoint.secure ? https : http
    const request = client.get(url, {
      ...(endpoint.secure ? tlsOptionsFor(endpoint.host, ca, insecure) : {}),
      headers: { accept: 'application/json', ...(origin ? { origin } : {}), 'user-agent': 'dlux-payment-monitor-doctor' },
      agent: false,
      timeout: STEP_TIMEOUT_MS,
    })
    const fail = (error: string): void => {
      request.destroy()
      resolve({ rest: { ...base, status: null, contentType: null, json: false, error, ms: performance.now() - started }, cors: null, channelStatus: null, headers: [] })
    }
    request.once('timeout', () => fail(`no answer within ${STEP_TIMEOUT_MS / 1000} s`))
    request.once('error', (error: NodeJS.ErrnoException) => fail(error.code ? `${error.code}: ${error.message}` : error.message))
    request.once('response', (response) => {
      const chunks: Buffer[] = []
      let size = 0
      response.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size <= BODY_LIMIT) chunks.push(chunk)
      })
      response.once('error', (error) => fail(error.message))
      response.once('end', () => {
        let body: unknown = null
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
        } catch {
          body = null
        }
        const record = typeof body === 'object' && body !== null ? (body as { success?: unknown; channel?: { status?: unknown } }) : null
        const header = (name: string): string | null => {
          const value = response.headers[name]
          return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value
        }
        resolve({
          rest: {
            ...base,
            status: response.statusCode ?? null,
            contentType: header('content-type'),
            json: typeof record?.success === 'boolean',
            error: null,
            ms: performance.now() - started,
          },
          cors: origin ? { origin, allowOrigin: header('access-control-allow-origin'), exposeHeaders: header('access-control-expose-headers') } : null,
          channelStatus: typeof record?.channel?.status === 'string' ? record.channel.status : null,
          headers: SHOWN_HEADERS.flatMap((name) => (header(name) === null ? [] : [`${name}: ${header(name)}`])),
        })
      })
    })
  })
}
