/** Shared helpers for the simulator tests: a started simulator, a real `ws` client with a frame queue. */
import { WebSocket } from 'ws'
import { createSimulator, type Simulator, type SimulatorOptions } from '../../server/simulator'

/** A frame as received: parsed JSON when it parses, else the raw text (or bytes). */
export type Frame = Record<string, unknown> & { type?: unknown }

/** Starts a quiet, fast simulator on an ephemeral loopback port. */
export function startSim(options: SimulatorOptions = {}): Promise<Simulator> {
  return createSimulator({
    host: '127.0.0.1',
    port: 0,
    quiet: true,
    speed: 100,
    statusIntervalMs: 10_000,
    welcomeDelayMs: 20,
    ...options,
  })
}

export interface TestSocket {
  ws: WebSocket
  /** Every frame received so far, in order (raw text/bytes kept for unparsable ones). */
  all: Array<Frame | string | Buffer>
  /** Resolves with the next JSON frame matching `match` (consumed), or rejects after timeoutMs. */
  next(match?: (frame: Frame) => boolean, timeoutMs?: number): Promise<Frame>
  send(message: unknown): void
  /** Resolves when the socket closes, with the code the client saw. */
  closed: Promise<{ code: number; reason: string }>
}

/** Opens a socket and resolves once it is open. */
export function openSocket(url: string, headers: Record<string, string> = {}): Promise<TestSocket> {
  const ws = new WebSocket(url, { headers })
  const all: TestSocket['all'] = []
  const queue: Frame[] = []
  const waiters: Array<{ match: (f: Frame) => boolean; resolve: (f: Frame) => void }> = []
  ws.on('message', (data: Buffer, isBinary) => {
    const text = data.toString()
    let frame: unknown
    try {
      frame = isBinary ? undefined : JSON.parse(text)
    } catch {
      frame = undefined
    }
    if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) {
      all.push(isBinary ? data : text)
      return
    }
    all.push(frame as Frame)
    const index = waiters.findIndex((w) => w.match(frame as Frame))
    if (index === -1) queue.push(frame as Frame)
    else waiters.splice(index, 1)[0]?.resolve(frame as Frame)
  })
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
  })
  ws.on('error', () => {})
  const socket: TestSocket = {
    ws,
    all,
    closed,
    send: (message) => ws.send(typeof message === 'string' ? message : JSON.stringify(message)),
    next(match = () => true, timeoutMs = 2000) {
      const index = queue.findIndex(match)
      if (index !== -1) return Promise.resolve(queue.splice(index, 1)[0] as Frame)
      return new Promise((resolve, reject) => {
        const waiter = {
          match,
          resolve: (f: Frame) => {
            clearTimeout(timer)
            resolve(f)
          },
        }
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1)
          reject(new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(all).slice(0, 500)}`))
        }, timeoutMs)
        waiters.push(waiter)
      })
    },
  }
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(socket))
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)))
    ws.once('error', reject)
  })
}

/** Opens a socket and waits for the welcome. */
export async function welcomed(sim: Simulator, headers: Record<string, string> = {}): Promise<TestSocket> {
  const socket = await openSocket(sim.wsUrl, headers)
  await socket.next((f) => f.type === 'connected')
  return socket
}

/** Opens a socket, subscribes, and returns the socket with the first status frame. */
export async function subscribed(sim: Simulator, channelId: string): Promise<{ socket: TestSocket; first: Frame }> {
  const socket = await welcomed(sim)
  socket.send({ type: 'subscribe', channelId })
  const first = await socket.next((f) => f.type === 'status_update' || f.type === 'error')
  return { socket, first }
}

/**
 * Attempts an upgrade; resolves with the refusal's HTTP status, 'open', 'error' (connection
 * dropped), or 'hang' when nothing answers within `hangMs`.
 */
export function attemptUpgrade(
  url: string,
  headers: Record<string, string> = {},
  hangMs = 400,
): Promise<number | 'hang' | 'open' | 'error'> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers })
    const timer = setTimeout(() => {
      ws.terminate()
      resolve('hang')
    }, hangMs)
    // The server dropped the connection without an HTTP answer (resolve is a no-op once settled).
    ws.on('error', () => {
      clearTimeout(timer)
      resolve('error')
    })
    ws.once('unexpected-response', (_req, res) => {
      clearTimeout(timer)
      res.resume()
      resolve(res.statusCode ?? 0)
      ws.terminate()
    })
    ws.once('open', () => {
      clearTimeout(timer)
      ws.close()
      resolve('open')
    })
  })
}

/** Polls `check` until it returns a truthy value (bounded: `timeoutMs`). */
export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 2000, stepMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, stepMs))
  }
}

/** JSON request helper with real fetch. */
export async function json(
  sim: Simulator,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const response = await fetch(`${sim.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  })
  const text = await response.text()
  let body: Record<string, unknown>
  try {
    body = JSON.parse(text) as Record<string, unknown>
  } catch {
    body = { text }
  }
  return { status: response.status, headers: response.headers, body }
}

/** Sets a fault through the admin endpoint. */
export async function setFault(sim: Simulator, fault: string | null, channelId?: string): Promise<void> {
  const result = await json(sim, '/__sim/faults', { body: { fault, channelId } })
  if (result.status !== 200) throw new Error(`setFault: ${result.status} ${JSON.stringify(result.body)}`)
}

/** A valid HIVE public key for initiate bodies. */
export const KEY = `STM${'7'.repeat(50)}`
export const KEYS = { owner: KEY, active: KEY, posting: KEY, memo: KEY }
