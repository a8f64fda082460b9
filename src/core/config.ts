/** Build-time settings (Vite env variables, docs/operations.md) and their defaults. Fixed at build time. */

export interface MonitorConfig {
  /** Absolute ws:/wss: URL of the payment monitor socket. */
  wsUrl: string
  /** Origin (and optional path prefix) of the REST API, without a trailing slash. */
  apiUrl: string
  /**
   * Steady polling period while the socket is down.
   * @default 5000
   */
  pollIntervalMs: number
  /**
   * A socket that has not opened and welcomed by then counts as failed.
   * @default 5000
   */
  connectTimeoutMs: number
  /**
   * Quiet time on an open socket before the app pings: production pushes a status every 10 s, so
   * 15 s without any frame is already suspicious. Keep it below every idle timeout on the path.
   * @default 15000
   */
  heartbeatIntervalMs: number
  /**
   * No pong (or any frame) this long after a ping: the socket is dead. With the quiet time, a
   * silent socket is caught within 20 s.
   * @default 5000
   */
  heartbeatTimeoutMs: number
  /**
   * Background socket retries while polling: first delay cap, doubled per failure up to the max
   * (each wait also at most `TROUBLE_WAIT_SHARE` of the trouble so far, src/core/machine/socketSupervisor.ts).
   * @default 2000
   */
  reconnectBaseMs: number
  /** @default 60000 */
  reconnectMaxMs: number
  /**
   * After the server announces it is going away (close 1001, 1012 restart, 1013 try again later),
   * every client it had reconnects at a uniform random moment in this window and polls only if its
   * socket is still not back after it (the API restarts with the socket). Clients cannot agree on
   * their moments, so the busiest second of a random spread runs well above its average: the
   * window is as wide as keeps that second under 100 reconnects for 1000 clients, at the price of
   * a later return (the restart-herd row of the bench table, bench/README.md, measures both).
   * @default [2000, 17000]
   */
  restartReconnectWindowMs: readonly [number, number]
  /**
   * A socket that closes abnormally sooner than this after opening "flapped": it never proved
   * healthy, so the backoff keeps growing and the tab remembers to start on polling.
   * @default 5000
   */
  stableAfterMs: number
  /**
   * Re-check period once the channel is known not to exist.
   * @default 60000
   */
  notFoundRecheckMs: number
}

export const PRODUCTION_WS_URL = 'wss://data.dlux.io/ws/payment-monitor'
export const PRODUCTION_API_URL = 'https://data.dlux.io'

/**
 * How an open socket is judged alive, by the server's cadence: production pushes a status to every
 * subscriber every 10 s. One home for these figures: the socket transport's defaults, the caps the
 * build's heartbeat settings cannot exceed, and the defaults of those settings.
 */
export const LIVENESS = {
  /** No frame at all this long: ping. Longer would let a 10 s push cadence go missing unnoticed. */
  quietMs: 15000,
  /** A ping unanswered this long: the socket is dead (a silent socket is caught within 20 s). */
  answerMs: 5000,
  /** No status this long (frames do come): the status shown cannot be vouched for; ask HTTP once. */
  statusOverdueMs: 15000,
  /** No status this long: the socket is not doing its job; close it and poll. */
  statusMuteMs: 25000,
} as const

export const DEFAULTS = {
  pollIntervalMs: 5000,
  connectTimeoutMs: 5000,
  heartbeatIntervalMs: LIVENESS.quietMs,
  heartbeatTimeoutMs: LIVENESS.answerMs,
  reconnectBaseMs: 2000,
  reconnectMaxMs: 60000,
  stableAfterMs: 5000,
  notFoundRecheckMs: 60000,
  restartReconnectWindowMs: [2000, 17000],
} as const

/**
 * The sites that may frame this page, and the only origins it posts its status to. One list for
 * both: the CSP's `frame-ancestors` (build/contentSecurityPolicy.ts) and `postMessage` targets
 * (embed.ts) read it from here, so no site can frame the page and then never hear from it.
 */
export const DEFAULT_EMBED_PARENT_ORIGINS: readonly string[] = ['https://dlux.io', 'https://www.dlux.io', 'https://vue.dlux.io']

export interface ConfigEnv {
  VITE_PAYMENT_WS_URL?: string
  VITE_PAYMENT_API_URL?: string
  VITE_POLL_INTERVAL_MS?: string
  VITE_CONNECT_TIMEOUT_MS?: string
  VITE_HEARTBEAT_INTERVAL_MS?: string
  VITE_HEARTBEAT_TIMEOUT_MS?: string
  /** Comma-separated origins that may embed the page; replaces `DEFAULT_EMBED_PARENT_ORIGINS`. */
  VITE_EMBED_PARENT_ORIGINS?: string
  DEV?: boolean
}

/** An origin as `URL.origin` writes it, or null if the text is not an http(s) origin. */
export function normalizeOrigin(raw: string): string | null {
  const text = raw.trim()
  if (text === '') return null
  try {
    const url = new URL(text)
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null
    return url.origin
  } catch {
    return null
  }
}

/**
 * The embedding parents of this build: `VITE_EMBED_PARENT_ORIGINS` when it names at least one
 * origin, else the defaults. Entries that are not origins (`*`, `javascript:`) are dropped: a
 * wildcard would hand every payment's status to any site that frames the page.
 */
export function embedParentOrigins(env: Pick<ConfigEnv, 'VITE_EMBED_PARENT_ORIGINS'>): string[] {
  const configured = (env.VITE_EMBED_PARENT_ORIGINS ?? '')
    .split(',')
    .map(normalizeOrigin)
    .filter((o): o is string => o !== null)
  return [...new Set(configured.length > 0 ? configured : DEFAULT_EMBED_PARENT_ORIGINS)]
}

/** A positive whole number from an env string, else the fallback. */
function positiveInt(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === '') return fallback
  const value = Number(raw)
  return Number.isInteger(value) && value > 0 ? value : fallback
}

function wsUrlFor(raw: string | undefined, dev: boolean, pageOrigin: string | null): string {
  if (raw) {
    const url = new URL(raw)
    if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
      throw new Error(`VITE_PAYMENT_WS_URL must be a ws: or wss: URL, got ${raw}`)
    }
    return url.href
  }
  if (dev && pageOrigin) {
    const url = new URL('/ws/payment-monitor', pageOrigin)
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
    return url.href
  }
  return PRODUCTION_WS_URL
}

function apiUrlFor(raw: string | undefined, dev: boolean, pageOrigin: string | null): string {
  if (raw) {
    const url = new URL(raw)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new Error(`VITE_PAYMENT_API_URL must be an http: or https: URL, got ${raw}`)
    }
    return url.href.replace(/\/+$/, '')
  }
  if (dev && pageOrigin) return pageOrigin
  return PRODUCTION_API_URL
}

/** What the starter needs of the configuration (src/boot/starter.ts): the endpoints and the poll period. */
export type StartConfig = Pick<MonitorConfig, 'wsUrl' | 'apiUrl' | 'pollIntervalMs'>

/** The part of `resolveConfig` the starter needs, apart so the starter, inline in the HTML, carries no more. */
export function resolveStartConfig(env: ConfigEnv, pageOrigin: string | null = null): StartConfig {
  const dev = env.DEV === true
  return {
    wsUrl: wsUrlFor(env.VITE_PAYMENT_WS_URL, dev, pageOrigin),
    apiUrl: apiUrlFor(env.VITE_PAYMENT_API_URL, dev, pageOrigin),
    pollIntervalMs: positiveInt(env.VITE_POLL_INTERVAL_MS, DEFAULTS.pollIntervalMs),
  }
}

/**
 * Resolves the configuration. `pageOrigin` is used only by a dev build (the simulator is mounted on
 * the dev server's own origin); a production build never takes an endpoint from the page.
 */
export function resolveConfig(env: ConfigEnv, pageOrigin: string | null = null): MonitorConfig {
  return {
    ...DEFAULTS,
    ...resolveStartConfig(env, pageOrigin),
    connectTimeoutMs: positiveInt(env.VITE_CONNECT_TIMEOUT_MS, DEFAULTS.connectTimeoutMs),
    heartbeatIntervalMs: positiveInt(env.VITE_HEARTBEAT_INTERVAL_MS, DEFAULTS.heartbeatIntervalMs),
    heartbeatTimeoutMs: positiveInt(env.VITE_HEARTBEAT_TIMEOUT_MS, DEFAULTS.heartbeatTimeoutMs),
  }
}

/** The page's origin, which only a dev build uses (see resolveConfig). */
function pageOrigin(): string | null {
  return typeof location === 'undefined' ? null : location.origin
}

/** The configuration of this build. */
export function buildConfig(): MonitorConfig {
  return resolveConfig(import.meta.env as ConfigEnv, pageOrigin())
}

/** The starter's part of the configuration of this build. */
export function buildStartConfig(): StartConfig {
  return resolveStartConfig(import.meta.env as ConfigEnv, pageOrigin())
}
