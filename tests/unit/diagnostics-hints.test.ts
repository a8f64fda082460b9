import { describe, expect, it } from 'vitest'
import { hintsFor, type HintInput } from '../../src/core/diagnostics/hints'
import type { SocketAttempt } from '../../src/core/transports/socketAttempt'
import { makeAttempt } from '../component/fixtures'

function input(overrides: Partial<HintInput> = {}): HintInput {
  return {
    attempts: [],
    online: true,
    endpoints: { wsUrl: 'wss://data.dlux.io/ws/payment-monitor', apiUrl: 'https://data.dlux.io' },
    pollFailures: [],
    pageProtocol: 'https:',
    heartbeatIntervalMs: 25_000,
    ...overrides,
  }
}

const ids = (i: HintInput) => hintsFor(i).map((h) => h.id)

/** The production pattern: open, welcome, dead with 1006 some 233 ms later. */
const flap = (id: number): SocketAttempt => makeAttempt({ id, lifetimeMs: 233, quietMs: 40 })
/** Refused upgrade: error, close 1006, never open. */
const refused = (id: number): SocketAttempt =>
  makeAttempt({ id, openMs: null, welcomeMs: null, lifetimeMs: null, quietMs: null })
/** Cut after N s of quiet by a proxy idle timeout. */
const idle = (id: number, quietMs: number): SocketAttempt =>
  makeAttempt({ id, lifetimeMs: quietMs + 300, quietMs, failed: false })

describe('hintsFor', () => {
  it('is quiet when nothing is wrong', () => {
    expect(hintsFor(input())).toEqual([])
    const healthy = makeAttempt({ closeCode: 1000, wasClean: true, closedBy: 'client', clientReason: 'terminal status', lifetimeMs: 60_000, quietMs: 3_000 })
    expect(ids(input({ attempts: [healthy] }))).toEqual([])
  })

  it('points at the reverse proxy when sockets die with 1006 right after the welcome, repeatedly', () => {
    expect(ids(input({ attempts: [flap(1)] }))).not.toContain('proxy-drops-socket')
    const hints = hintsFor(input({ attempts: [flap(1), flap(2), flap(3)] }))
    const hint = hints.find((h) => h.id === 'proxy-drops-socket')
    expect(hint).toBeDefined()
    expect(hint?.text).toContain('Upgrade')
    expect(hint?.text).toContain('proxy_set_header Connection $connection_upgrade')
    // Production sits behind Caddy: the advice names it as well as nginx.
    expect(hint?.text).toContain('Caddy')
    expect(hint?.verdict).toMatchObject({ level: 'fail', layer: 'proxy', cause: 'flap' })
    expect(hint?.text.endsWith(hint?.verdict.fix ?? '-')).toBe(true)
    expect(hint?.text).toContain('233 ms')
    // Not to be confused with an idle timeout or a refused upgrade.
    expect(hints.map((h) => h.id)).toEqual(['proxy-drops-socket'])
  })

  it('does not call a socket that lived longer than a second a flap', () => {
    const long = makeAttempt({ lifetimeMs: 4_000, quietMs: 300 })
    expect(ids(input({ attempts: [long, { ...long, id: 2 }] }))).not.toContain('proxy-drops-socket')
  })

  it('points at a refused upgrade when a 1006 comes without any open', () => {
    const hint = hintsFor(input({ attempts: [refused(1)] })).find((h) => h.id === 'upgrade-refused')
    expect(hint?.text).toMatch(/Origin/)
    expect(hint?.text).toMatch(/TLS/)
    expect(hint?.verdict).toMatchObject({ level: 'fail', layer: 'proxy', cause: 'upgrade-refused' })
  })

  it('points at a firewall or proxy holding the handshake on a connect timeout', () => {
    const timedOut = makeAttempt({
      openMs: null,
      welcomeMs: null,
      lifetimeMs: null,
      closeCode: null,
      closedBy: 'client',
      clientReason: 'connect timeout',
    })
    const hints = hintsFor(input({ attempts: [timedOut] }))
    expect(hints.map((h) => h.id)).toEqual(['connect-timeout'])
    expect(hints[0]?.text).toMatch(/firewall/)
    expect(hints[0]?.verdict).toMatchObject({ level: 'fail', layer: 'firewall', cause: 'handshake-stalled' })
  })

  it('finds an idle timeout shorter than the heartbeat from steady quiet times', () => {
    const hints = hintsFor(input({ attempts: [idle(1, 2_050), idle(2, 2_010), idle(3, 1_990)] }))
    const hint = hints.find((h) => h.id === 'idle-timeout')
    expect(hint?.title).toContain('2.0 s')
    expect(hint?.text).toContain('25 s')
    expect(hint?.text).toContain('proxy_read_timeout 3600s')
    expect(hint?.text).toContain('Caddy')
    expect(hint?.verdict).toMatchObject({ level: 'fail', layer: 'proxy', cause: 'idle-timeout' })
    expect(ids(input({ attempts: [idle(1, 2_000)] }))).not.toContain('idle-timeout')
  })

  it('ignores quiet times that differ, exceed the heartbeat, or end in our own close', () => {
    expect(ids(input({ attempts: [idle(1, 2_000), idle(2, 9_000)] }))).not.toContain('idle-timeout')
    expect(ids(input({ attempts: [idle(1, 30_000), idle(2, 30_100)] }))).not.toContain('idle-timeout')
    const ours = (id: number) => ({ ...idle(id, 2_000), closedBy: 'client' as const, clientReason: 'retry' })
    expect(ids(input({ attempts: [ours(1), ours(2)] }))).not.toContain('idle-timeout')
  })

  it('notices sockets that went silent (heartbeat timeout)', () => {
    const silent = makeAttempt({ closedBy: 'client', clientReason: 'heartbeat timeout', lifetimeMs: 60_000, quietMs: 35_000 })
    expect(ids(input({ attempts: [silent] }))).toEqual(['heartbeat-timeout'])
  })

  it('warns about mixed content', () => {
    const hints = hintsFor(input({ endpoints: { wsUrl: 'ws://data.dlux.io/ws/payment-monitor', apiUrl: 'https://data.dlux.io' } }))
    expect(hints.map((h) => h.id)).toEqual(['mixed-content'])
    expect(hints[0]?.text).toContain('ws://data.dlux.io/ws/payment-monitor')
    expect(ids(input({ pageProtocol: 'http:', endpoints: { wsUrl: 'ws://localhost/ws', apiUrl: 'http://localhost' } }))).toEqual([])
  })

  it('says when the browser is offline', () => {
    expect(ids(input({ online: false }))).toEqual(['offline'])
  })

  it('names the 5xx answers to failed polls', () => {
    const pollFailures = [
      { at: 1, httpStatus: 502, message: 'HTTP 502 Bad Gateway, HTML body' },
      { at: 2, httpStatus: 503, message: 'HTTP 503 Service Unavailable' },
      { at: 3, httpStatus: 404, message: 'HTTP 404 Not Found' },
      { at: 4, httpStatus: null, message: 'TypeError: Failed to fetch' },
    ]
    const hint = hintsFor(input({ pollFailures })).find((h) => h.id === 'poll-server-errors')
    expect(hint?.text).toContain('2 status polls failed with HTTP 502, 503')
    expect(hint?.verdict).toMatchObject({ level: 'warn', layer: 'backend', cause: 'rest-server-error' })
  })

  it('is a pure function', () => {
    const i = input({ attempts: [flap(1), flap(2), refused(3)], online: false })
    expect(hintsFor(i)).toEqual(hintsFor(i))
  })
})
