import { describe, expect, it } from 'vitest'
import {
  DEFAULTS,
  DEFAULT_EMBED_PARENT_ORIGINS,
  PRODUCTION_API_URL,
  PRODUCTION_WS_URL,
  embedParentOrigins,
  normalizeOrigin,
  resolveConfig,
} from '../../src/core/config'

describe('build-time configuration', () => {
  it('defaults to the production backend in a production build', () => {
    const config = resolveConfig({}, 'https://evil.example')
    expect(config.wsUrl).toBe(PRODUCTION_WS_URL)
    expect(config.apiUrl).toBe(PRODUCTION_API_URL)
  })

  it('uses the page origin only in dev, where the simulator is mounted', () => {
    const config = resolveConfig({ DEV: true }, 'http://localhost:5173')
    expect(config.wsUrl).toBe('ws://localhost:5173/ws/payment-monitor')
    expect(config.apiUrl).toBe('http://localhost:5173')
    expect(resolveConfig({ DEV: true }, 'https://dev.example').wsUrl).toBe('wss://dev.example/ws/payment-monitor')
  })

  it('takes endpoints and timings from the VITE_ variables', () => {
    const config = resolveConfig({
      VITE_PAYMENT_WS_URL: 'ws://127.0.0.1:4000/ws/payment-monitor',
      VITE_PAYMENT_API_URL: 'http://127.0.0.1:4000/prefix/',
      VITE_POLL_INTERVAL_MS: '1000',
      VITE_CONNECT_TIMEOUT_MS: '1500',
      VITE_HEARTBEAT_INTERVAL_MS: '3000',
      VITE_HEARTBEAT_TIMEOUT_MS: '2000',
    })
    expect(config).toMatchObject({
      wsUrl: 'ws://127.0.0.1:4000/ws/payment-monitor',
      apiUrl: 'http://127.0.0.1:4000/prefix',
      pollIntervalMs: 1000,
      connectTimeoutMs: 1500,
      heartbeatIntervalMs: 3000,
      heartbeatTimeoutMs: 2000,
    })
  })

  it('keeps the contract ceilings as defaults and ignores nonsense numbers', () => {
    const config = resolveConfig({ VITE_POLL_INTERVAL_MS: 'abc', VITE_HEARTBEAT_TIMEOUT_MS: '-5' })
    expect(config.pollIntervalMs).toBe(DEFAULTS.pollIntervalMs)
    expect(config.heartbeatTimeoutMs).toBe(DEFAULTS.heartbeatTimeoutMs)
    expect(DEFAULTS.pollIntervalMs).toBeLessThanOrEqual(5000)
    expect(DEFAULTS.connectTimeoutMs).toBeLessThanOrEqual(5000)
    expect(DEFAULTS.heartbeatIntervalMs).toBeLessThanOrEqual(25000)
    expect(DEFAULTS.heartbeatTimeoutMs).toBeLessThanOrEqual(10000)
  })

  it('rejects endpoints of the wrong scheme at build time', () => {
    expect(() => resolveConfig({ VITE_PAYMENT_WS_URL: 'https://x.example/ws' })).toThrow(/ws: or wss:/)
    expect(() => resolveConfig({ VITE_PAYMENT_API_URL: 'javascript:alert(1)' })).toThrow(/http: or https:/)
  })

  it('lists the DLUX sites as embedding parents unless the build names its own', () => {
    expect(embedParentOrigins({})).toEqual([...DEFAULT_EMBED_PARENT_ORIGINS])
    expect(DEFAULT_EMBED_PARENT_ORIGINS).toContain('https://www.dlux.io')
    expect(embedParentOrigins({ VITE_EMBED_PARENT_ORIGINS: 'https://a.example/x, https://a.example' })).toEqual(['https://a.example'])
    expect(embedParentOrigins({ VITE_EMBED_PARENT_ORIGINS: ' , *' })).toEqual([...DEFAULT_EMBED_PARENT_ORIGINS])
  })

  it('takes only http(s) origins as embedding parents', () => {
    expect(normalizeOrigin('https://dlux.io/some/page?x=1')).toBe('https://dlux.io')
    expect(normalizeOrigin('HTTP://LOCALHOST:5173')).toBe('http://localhost:5173')
    for (const bad of ['', '   ', '*', 'dlux.io', 'ftp://dlux.io', 'javascript:alert(1)', 'data:text/html,x']) {
      expect(normalizeOrigin(bad), bad).toBeNull()
    }
  })
})
