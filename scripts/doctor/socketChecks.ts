/**
 * Checks on a real WebSocket client (`ws`): the welcome and ping round trips, the idle hold, and a
 * subscription. Every socket is closed (or terminated) before its check resolves.
 */
import WebSocket from 'ws'
import type { HeldSocket, RttObservation, SubscribeObservation, WelcomeObservation } from '../../src/core/diagnostics/socketVerdicts'
import { FLAP_LIFETIME_MS } from '../../src/core/diagnostics/socketVerdicts'
import { STEP_TIMEOUT_MS, endpointOf, tlsOptionsFor } from './network'

export interface SocketTarget {
  url: URL
  origin: string | null
  ca: Buffer | null
  insecure: boolean
}

interface Frame {
  type?: unknown
  channelId?: unknown
  status?: unknown
  message?: unknown
}

/** A `ws` client with timestamps of what happened to it. */
class Probe {
  readonly ws: WebSocket
  readonly started = performance.now()
  openAt: number | null = null
  welcomeAt: number | null = null
  closed: { code: number; at: number; closeFrame: boolean } | null = null
  lastFrameAt = this.started
  error: string | null = null
  private listeners: Array<(frame: Frame) => void> = []

  constructor(target: SocketTarget) {
    const endpoint = endpointOf(target.url)
    this.ws = new WebSocket(target.url, {
      ...(endpoint.secure ? tlsOptionsFor(endpoint.host, target.ca, target.insecure) : {}),
      origin: target.origin ?? undefined,
      handshakeTimeout: STEP_TIMEOUT_MS,
      perMessageDeflate: false,
    })
    this.ws.on('open', () => {
      this.openAt = performance.now()
      this.lastFrameAt = this.openAt
    })
    this.ws.on('message', (data) => {
      this.lastFrameAt = performance.now()
      let frame: Frame
      try {
        frame = JSON.parse(data.toString()) as Frame
      } catch {
        return
      }
      if (frame.type === 'connected' && this.welcomeAt === null) this.welcomeAt = this.lastFrameAt
      for (const listener of this.listeners) listener(frame)
    })
    this.ws.on('error', (error) => {
      this.error = error.message
    })
    this.ws.on('close', (code) => {
      // `ws` reports 1006 itself when the connection ended without a close frame.
      this.closed = { code, at: performance.now(), closeFrame: code !== 1006 }
    })
  }

  send(frame: object): void {
    if (this.ws.readyState !== WebSocket.OPEN) return
    this.lastFrameAt = performance.now()
    this.ws.send(JSON.stringify(frame))
  }

  /** Resolves with the first frame `match` accepts, or null at the deadline or on close. */
  next(match: (frame: Frame) => boolean, timeoutMs: number): Promise<Frame | null> {
    return new Promise((resolve) => {
      const done = (frame: Frame | null): void => {
        clearTimeout(timer)
        this.listeners = this.listeners.filter((l) => l !== listener)
        this.ws.off('close', onClose)
        resolve(frame)
      }
      const listener = (frame: Frame): void => {
        if (match(frame)) done(frame)
      }
      const onClose = (): void => done(null)
      const timer = setTimeout(() => done(null), timeoutMs)
      this.listeners.push(listener)
      this.ws.once('close', onClose)
    })
  }

  /** Waits for open and the welcome (bounded); false if either did not come. */
  async welcomed(timeoutMs = STEP_TIMEOUT_MS): Promise<boolean> {
    if (this.welcomeAt !== null) return true
    const frame = await this.next((f) => f.type === 'connected', timeoutMs)
    return frame !== null || this.welcomeAt !== null
  }

  /** Closes and waits (bounded) for the close; terminates if the other side does not answer. */
  async end(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return
    const gone = new Promise<void>((resolve) => this.ws.once('close', () => resolve()))
    if (this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate()
    else this.ws.close(1000, 'doctor done')
    const timer = setTimeout(() => this.ws.terminate(), 1000)
    await gone
    clearTimeout(timer)
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

export interface WelcomeAndRtt {
  welcome: WelcomeObservation
  rtt: RttObservation
  /** The welcome frame as received. */
  welcomeFrame: string | null
  error: string | null
}

const PINGS = 5

export async function welcomeAndRtt(target: SocketTarget): Promise<WelcomeAndRtt> {
  const probe = new Probe(target)
  let welcomeFrame: string | null = null
  probe.ws.on('message', (data) => {
    welcomeFrame ??= data.toString().slice(0, 300)
  })
  await probe.welcomed()
  const samples: number[] = []
  let sent = 0
  if (probe.welcomeAt !== null) {
    for (let i = 0; i < PINGS && probe.ws.readyState === WebSocket.OPEN; i++) {
      const at = performance.now()
      sent++
      probe.send({ type: 'ping' })
      if (await probe.next((f) => f.type === 'pong', 2000)) samples.push(performance.now() - at)
    }
    // A flap needs a moment to show: stay until a second after open has passed.
    const openAt = probe.openAt ?? probe.started
    const left = FLAP_LIFETIME_MS - (performance.now() - openAt)
    if (left > 0 && probe.closed === null) await sleep(left)
  }
  const openAt = probe.openAt
  const closed = probe.closed
  await probe.end()
  return {
    welcome: {
      openMs: openAt === null ? null : openAt - probe.started,
      welcomeAfterOpenMs: openAt === null || probe.welcomeAt === null ? null : probe.welcomeAt - openAt,
      closed: closed && openAt !== null ? { code: closed.code, afterOpenMs: closed.at - openAt } : null,
    },
    rtt: { sent, samplesMs: samples },
    welcomeFrame,
    error: probe.error,
  }
}

export interface IdleHold {
  /** How long the hold lasted: `holdMs`, or less once both sockets had closed. */
  heldMs: number
  quiet: HeldSocket
  pinged: HeldSocket
  /** Set when the sockets could not be opened and welcomed. */
  error: string | null
}

const HOLD_PING_MS = 20_000

/** `since`: the socket's last frame before the hold, so an idle timeout reads as its own length. */
function held(probe: Probe, since: number, quietSoFar: { ms: number }): HeldSocket {
  const closed = probe.closed
  if (!closed) return { closedAfterMs: null, code: null, closeFrame: false, quietBeforeCloseMs: null }
  return { closedAfterMs: closed.at - since, code: closed.code, closeFrame: closed.closeFrame, quietBeforeCloseMs: quietSoFar.ms }
}

/**
 * Two sockets held open up to `holdMs`: one quiet, one sending a ping every 20 s. Ends early once
 * both have closed. Who closed, with which code and after how long is the idle-timeout signature.
 */
export async function idleHold(target: SocketTarget, holdMs: number): Promise<IdleHold> {
  const quiet = new Probe(target)
  const pinged = new Probe(target)
  const [quietOk, pingedOk] = await Promise.all([quiet.welcomed(), pinged.welcomed()])
  if (!quietOk || !pingedOk) {
    await Promise.all([quiet.end(), pinged.end()])
    const none: HeldSocket = { closedAfterMs: null, code: null, closeFrame: false, quietBeforeCloseMs: null }
    return { heldMs: 0, quiet: none, pinged: none, error: quiet.error ?? pinged.error ?? 'the sockets were not welcomed' }
  }
  const start = performance.now()
  const quietSince = quiet.lastFrameAt
  const pingedSince = pinged.lastFrameAt
  // The longest spell without a frame on the pinged socket, until it closed.
  const pingedQuiet = { ms: 0 }
  const quietQuiet = { ms: 0 }
  const ticker = setInterval(() => {
    const now = performance.now()
    if (pinged.closed === null) pingedQuiet.ms = Math.max(pingedQuiet.ms, now - pinged.lastFrameAt)
    if (quiet.closed === null) quietQuiet.ms = Math.max(quietQuiet.ms, now - quiet.lastFrameAt)
  }, 100)
  const pinger = setInterval(() => pinged.send({ type: 'ping' }), HOLD_PING_MS)
  try {
    while (performance.now() - start < holdMs && (quiet.closed === null || pinged.closed === null)) {
      await sleep(Math.min(100, Math.max(0, holdMs - (performance.now() - start))))
    }
  } finally {
    clearInterval(ticker)
    clearInterval(pinger)
  }
  const result = {
    heldMs: Math.min(holdMs, performance.now() - Math.min(quietSince, pingedSince)),
    quiet: held(quiet, quietSince, quietQuiet),
    pinged: held(pinged, pingedSince, pingedQuiet),
    error: null,
  }
  await Promise.all([quiet.end(), pinged.end()])
  return result
}

export interface Subscription extends SubscribeObservation {
  /** The first status_update (or error) frame, as received. */
  frame: string | null
}

export async function subscribe(target: SocketTarget, channelId: string): Promise<Subscription> {
  const probe = new Probe(target)
  let raw: string | null = null
  probe.ws.on('message', (data) => {
    const text = data.toString()
    if (raw === null && /"type"\s*:\s*"(status_update|error)"/.test(text)) raw = text.slice(0, 600)
  })
  if (!(await probe.welcomed())) {
    await probe.end()
    return { firstStatus: null, afterMs: null, error: probe.error ?? 'the socket was not welcomed', frame: null }
  }
  const at = performance.now()
  probe.send({ type: 'subscribe', channelId })
  const frame = await probe.next((f) => f.type === 'status_update' || f.type === 'error', STEP_TIMEOUT_MS)
  const afterMs = frame ? performance.now() - at : null
  await probe.end()
  return {
    firstStatus: frame?.type === 'status_update' && typeof frame.status === 'string' ? frame.status : null,
    afterMs,
    error: frame?.type === 'error' ? String(frame.message ?? 'error') : null,
    frame: raw,
  }
}
