/** A fetch whose answers a test releases one by one, in any order. */
import type { FetchLike } from '../../src/core/transports/transport'

export interface FakeAnswer {
  status: number
  body?: string | object
  headers?: Record<string, string>
}

export interface PendingRequest {
  url: string
  method: string
  body: string | undefined
  signal: AbortSignal | undefined
  respond(answer: FakeAnswer): Promise<void>
  fail(error?: Error): Promise<void>
}

const STATUS_TEXT: Record<number, string> = { 200: 'OK', 404: 'Not Found', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' }

export class FakeFetch {
  readonly requests: PendingRequest[] = []
  /** Requests not yet answered (and not aborted). */
  get pending(): PendingRequest[] {
    return this.requests.filter((r) => !(r as PendingRequest & { settled?: boolean }).settled && !r.signal?.aborted)
  }

  readonly fetch: FetchLike = (url, init) =>
    new Promise((resolve, reject) => {
      const request: PendingRequest & { settled?: boolean } = {
        url,
        method: init.method ?? 'GET',
        body: init.body,
        signal: init.signal,
        respond: async (answer) => {
          request.settled = true
          const text = typeof answer.body === 'string' ? answer.body : answer.body === undefined ? '' : JSON.stringify(answer.body)
          const headers = new Map(Object.entries(answer.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]))
          resolve({
            status: answer.status,
            statusText: STATUS_TEXT[answer.status] ?? '',
            headers: { get: (name: string) => headers.get(name.toLowerCase()) ?? null },
            text: async () => text,
          })
          await flush()
        },
        fail: async (error = new TypeError('Failed to fetch')) => {
          request.settled = true
          reject(error)
          await flush()
        },
      }
      init.signal?.addEventListener('abort', () => {
        request.settled = true
        reject(new DOMException('Aborted', 'AbortError'))
      })
      this.requests.push(request)
    })

  get last(): PendingRequest {
    const request = this.requests.at(-1)
    if (!request) throw new Error('no request yet')
    return request
  }

  /** The newest request that is still waiting for an answer. */
  get lastPending(): PendingRequest {
    const request = this.pending.at(-1)
    if (!request) throw new Error('no pending request')
    return request
  }
}

/** Lets promise callbacks (the transport's `await`s) run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve()
}
