import { describe, expect, it } from 'vitest'
import { CAUSES } from '../../src/core/diagnostics/causes'
import { judgeCors, judgeDns, judgePage, judgeRest, judgeTcp, judgeTls } from '../../src/core/diagnostics/pathVerdicts'
import { judgeCompression, judgeIdle, judgeOrigin, judgeRtt, judgeSubscribe, judgeUpgrade, judgeWelcome, proxyHeaders, type HeldSocket, type UpgradeObservation } from '../../src/core/diagnostics/socketVerdicts'
import { median, worstLevel, type Verdict } from '../../src/core/diagnostics/verdict'

const gist = (v: Verdict) => ({ level: v.level, layer: v.layer, cause: v.cause })

function answer(status: number | null, overrides: Partial<UpgradeObservation> = {}): UpgradeObservation {
  return { status, statusText: '', headers: {}, bodyStart: '', timedOut: false, waitedMs: 12, error: null, ...overrides }
}

describe('the upgrade answer', () => {
  it('passes a 101 and fixes nothing', () => {
    expect(judgeUpgrade(answer(101, { statusText: 'Switching Protocols' }))).toMatchObject({ level: 'pass', fix: '', cause: null })
  })

  it('maps each refusal to its cause and layer', () => {
    expect(gist(judgeUpgrade(answer(200, { headers: { 'content-type': 'text/html' } })))).toEqual({ level: 'fail', layer: 'proxy', cause: 'proxy-serves-app' })
    expect(gist(judgeUpgrade(answer(200, { bodyStart: '<!doctype html><html>' })))).toMatchObject({ cause: 'proxy-serves-app' })
    expect(gist(judgeUpgrade(answer(400)))).toEqual({ level: 'fail', layer: 'proxy', cause: 'upgrade-headers-dropped' })
    expect(gist(judgeUpgrade(answer(426)))).toEqual({ level: 'fail', layer: 'proxy', cause: 'upgrade-headers-dropped' })
    expect(gist(judgeUpgrade(answer(403)))).toEqual({ level: 'fail', layer: 'origin', cause: 'origin-refused' })
    for (const status of [502, 503, 504]) expect(gist(judgeUpgrade(answer(status)))).toEqual({ level: 'fail', layer: 'backend', cause: 'backend-down' })
    expect(gist(judgeUpgrade(answer(null, { timedOut: true, waitedMs: 5000 })))).toEqual({ level: 'fail', layer: 'firewall', cause: 'handshake-stalled' })
    expect(judgeUpgrade(answer(null, { timedOut: true, waitedMs: 5000 })).summary).toContain('5.0 s')
    expect(gist(judgeUpgrade(answer(null, { error: 'ECONNRESET' })))).toMatchObject({ level: 'fail', cause: 'upgrade-refused' })
    expect(gist(judgeUpgrade(answer(500)))).toMatchObject({ level: 'fail', cause: 'upgrade-refused' })
    // 200 that is not a page: not "the proxy serves the app".
    expect(judgeUpgrade(answer(200, { headers: { 'content-type': 'application/json' } })).cause).toBe('upgrade-refused')
  })

  it("tells a 404 from the proxy itself from one the app server gave a plain GET", () => {
    const nginxPage = answer(404, { bodyStart: '<html><body><center><h1>404 Not Found</h1></center><hr><center>nginx</center>' })
    expect(judgeUpgrade(nginxPage).cause).toBe('proxy-no-route')
    expect(judgeUpgrade(answer(404, { headers: { server: 'Caddy' } })).cause).toBe('proxy-no-route')
    expect(judgeUpgrade(answer(404, { headers: { server: 'Caddy' }, bodyStart: 'Not found: app' })).cause).toBe('upgrade-headers-dropped')
    expect(judgeUpgrade(answer(404, { bodyStart: 'Cannot GET /ws/payment-monitor' })).cause).toBe('upgrade-headers-dropped')
  })

  it('shows only the headers that reveal what sits on the path', () => {
    expect(proxyHeaders({ server: 'nginx', via: '1.1 caddy', 'cf-ray': 'abc', 'content-type': 'text/html', date: 'x' })).toEqual(['server: nginx', 'via: 1.1 caddy', 'cf-ray: abc'])
  })

  it('notes compression, and fails when the upgrade works only with it', () => {
    expect(judgeCompression({ negotiated: false, withoutStatus: 101 }).level).toBe('pass')
    expect(gist(judgeCompression({ negotiated: true, withoutStatus: 101 }))).toEqual({ level: 'warn', layer: 'backend', cause: 'compression' })
    expect(judgeCompression({ negotiated: true, withoutStatus: 400 }).level).toBe('fail')
    expect(judgeCompression({ negotiated: false, withoutStatus: null }).summary).toContain('no answer')
  })
})

describe('an open socket', () => {
  it('passes a welcome within a second of open', () => {
    expect(judgeWelcome({ openMs: 40, welcomeAfterOpenMs: 150, closed: null })).toMatchObject({ level: 'pass', summary: 'open in 40 ms, welcome 150 ms after open' })
  })

  it('calls the production flap (1006 some 233 ms after open) a proxy fault', () => {
    const v = judgeWelcome({ openMs: 40, welcomeAfterOpenMs: 150, closed: { code: 1006, afterOpenMs: 233 } })
    expect(gist(v)).toEqual({ level: 'fail', layer: 'proxy', cause: 'flap' })
    expect(v.summary).toContain('233 ms after open, right after the welcome')
    expect(v.fix).toContain('Caddy')
    expect(v.fix).toContain('proxy_set_header Upgrade')
  })

  it('does not call a clean or a late close a flap', () => {
    expect(judgeWelcome({ openMs: 40, welcomeAfterOpenMs: 150, closed: { code: 1000, afterOpenMs: 233 } }).level).toBe('pass')
    expect(judgeWelcome({ openMs: 40, welcomeAfterOpenMs: 150, closed: { code: 1006, afterOpenMs: 1000 } }).level).toBe('pass')
    expect(judgeWelcome({ openMs: 40, welcomeAfterOpenMs: null, closed: { code: 1006, afterOpenMs: 80 } }).summary).toContain('before any welcome')
  })

  it('fails a missing welcome, warns a late one, fails a socket that never opened', () => {
    expect(gist(judgeWelcome({ openMs: 40, welcomeAfterOpenMs: null, closed: null }))).toEqual({ level: 'fail', layer: 'backend', cause: 'no-welcome' })
    expect(gist(judgeWelcome({ openMs: 40, welcomeAfterOpenMs: 1001, closed: null }))).toEqual({ level: 'warn', layer: 'backend', cause: 'slow-welcome' })
    expect(judgeWelcome({ openMs: 40, welcomeAfterOpenMs: 1000, closed: null }).level).toBe('pass')
    expect(judgeWelcome({ openMs: null, welcomeAfterOpenMs: null, closed: null }).level).toBe('fail')
  })

  it('judges the ping round trip by its median', () => {
    expect(median([5, 1, 3])).toBe(3)
    expect(median([1, 2, 3, 10])).toBe(2.5)
    expect(judgeRtt({ sent: 5, samplesMs: [4, 2, 900, 3, 5] })).toMatchObject({ level: 'pass', summary: 'median 4 ms over 5 of 5 pings' })
    expect(gist(judgeRtt({ sent: 5, samplesMs: [1200, 1100, 1300, 1000, 1500] }))).toEqual({ level: 'warn', layer: 'proxy', cause: 'slow-rtt' })
    expect(judgeRtt({ sent: 5, samplesMs: [1000, 1000, 1000] }).cause).toBe('no-pong')
    expect(gist(judgeRtt({ sent: 1, samplesMs: [] }))).toEqual({ level: 'fail', layer: 'proxy', cause: 'no-pong' })
  })
})

describe('the idle hold', () => {
  const open: HeldSocket = { closedAfterMs: null, code: null, closeFrame: false, quietBeforeCloseMs: null }
  const cut = (ms: number, quiet = ms): HeldSocket => ({ closedAfterMs: ms, code: 1006, closeFrame: false, quietBeforeCloseMs: quiet })
  const base = { holdMs: 90_000, heartbeatIntervalMs: 25_000 }

  it('passes when both sockets stay open', () => {
    expect(judgeIdle({ ...base, quiet: open, pinged: open }).level).toBe('pass')
  })

  it('finds an idle timeout below the heartbeat (proxy_read_timeout 2 s)', () => {
    const v = judgeIdle({ ...base, holdMs: 5000, quiet: cut(2010), pinged: cut(2015) })
    expect(gist(v)).toEqual({ level: 'fail', layer: 'proxy', cause: 'idle-timeout' })
    expect(v.summary).toContain('quiet socket dropped without a close frame 1006 after 2.0 s')
    expect(v.fix).toContain('proxy_read_timeout')
    expect(judgeIdle({ ...base, quiet: cut(10_000), pinged: open }).cause).toBe('idle-timeout')
  })

  it('only warns about an idle timeout the heartbeat stays inside', () => {
    expect(gist(judgeIdle({ ...base, quiet: cut(60_000), pinged: open }))).toEqual({ level: 'warn', layer: 'proxy', cause: 'idle-timeout-above-heartbeat' })
    expect(judgeIdle({ ...base, quiet: cut(25_000) }).level).toBe('warn')
    expect(judgeIdle({ ...base, quiet: cut(24_999) }).level).toBe('fail')
  })

  it('tells a connection lifetime limit from an idle timeout', () => {
    // The pinged socket died although it never went quiet as long as the quiet one lived.
    expect(judgeIdle({ ...base, quiet: cut(30_000), pinged: cut(30_000, 20_000) }).cause).toBe('connection-lifetime')
    expect(judgeIdle({ ...base, quiet: open, pinged: cut(40_000, 20_000) }).cause).toBe('connection-lifetime')
    expect(judgeIdle({ ...base, quiet: open, pinged: { ...cut(40_000), code: 1000, closeFrame: true } }).level).toBe('pass')
  })

  it('reports a close the server made itself', () => {
    expect(gist(judgeIdle({ ...base, quiet: { closedAfterMs: 3000, code: 1012, closeFrame: true, quietBeforeCloseMs: 3000 } }))).toEqual({ level: 'warn', layer: 'backend', cause: 'server-closed' })
  })
})

describe('origin, subscribe', () => {
  it('expects the page origin accepted and a foreign one refused', () => {
    expect(judgeOrigin({ origin: 'https://vue.dlux.io', status: 101, foreign: false }).level).toBe('pass')
    expect(gist(judgeOrigin({ origin: 'https://vue.dlux.io', status: 403, foreign: false }))).toEqual({ level: 'fail', layer: 'origin', cause: 'origin-refused' })
    expect(judgeOrigin({ origin: 'https://x.invalid', status: 403, foreign: true }).level).toBe('pass')
    expect(gist(judgeOrigin({ origin: 'https://x.invalid', status: 101, foreign: true }))).toEqual({ level: 'warn', layer: 'origin', cause: 'origin-open' })
    expect(judgeOrigin({ origin: 'https://vue.dlux.io', status: null, foreign: false }).summary).toContain('no answer')
  })

  it('shows the first status, or names an unknown channel', () => {
    expect(judgeSubscribe({ firstStatus: 'confirming', afterMs: 4, error: null })).toMatchObject({ level: 'pass', summary: 'first status_update: confirming after 4 ms' })
    expect(gist(judgeSubscribe({ firstStatus: null, afterMs: 4, error: 'Payment channel not found' }))).toEqual({ level: 'fail', layer: 'channel', cause: 'channel-not-found' })
    expect(judgeSubscribe({ firstStatus: null, afterMs: 4, error: 'Failed to get channel status' }).cause).toBe('rest-server-error')
    expect(judgeSubscribe({ firstStatus: null, afterMs: null, error: null }).cause).toBe('no-status')
  })
})

describe('DNS, TCP, TLS', () => {
  it('judges resolution and connects', () => {
    expect(judgeDns({ host: 'data.dlux.io', addresses: ['1.2.3.4'], error: null, ms: 3 }).summary).toBe('data.dlux.io → 1.2.3.4 in 3 ms')
    expect(gist(judgeDns({ host: 'nope.invalid', addresses: [], error: 'ENOTFOUND', ms: 3 }))).toEqual({ level: 'fail', layer: 'dns', cause: 'dns-failed' })
    expect(judgeTcp({ address: '::1', port: 443, connected: true, error: null, ms: 2 }).summary).toBe('connected to [::1]:443 in 2 ms')
    expect(gist(judgeTcp({ address: '1.2.3.4', port: 443, connected: false, error: 'ECONNREFUSED', ms: 2 }))).toEqual({ level: 'fail', layer: 'tcp', cause: 'tcp-refused' })
    expect(gist(judgeTcp({ address: '1.2.3.4', port: 443, connected: false, error: 'ETIMEDOUT', ms: 5000 }))).toEqual({ level: 'fail', layer: 'firewall', cause: 'tcp-timeout' })
    // localhost → ::1 refused but 127.0.0.1 fine: clients fall back, so only a warning.
    const fallback = judgeTcp({ address: '::1', port: 8080, connected: false, error: 'ECONNREFUSED', ms: 1, otherAddressWorks: true })
    expect(gist(fallback)).toEqual({ level: 'warn', layer: 'tcp', cause: 'tcp-refused' })
    expect(fallback.summary).toBe('[::1]:8080: ECONNREFUSED (another address of the host works)')
  })

  const now = Date.UTC(2026, 10, 30)
  const day = 24 * 3600_000
  const good = { host: 'data.dlux.io', protocol: 'TLSv1.3', trusted: true, trustError: null, nameMatches: true, validTo: now + 60 * day, now, chain: ['data.dlux.io', 'R11'], error: null, insecure: false }

  it('passes a trusted, matching, long-valid certificate', () => {
    expect(judgeTls(good)).toMatchObject({ level: 'pass', summary: 'TLSv1.3, trusted, names data.dlux.io, valid until 2027-01-29, chain data.dlux.io ← R11' })
  })

  it('fails an untrusted certificate, unless --insecure made it a warning', () => {
    const selfSigned = { ...good, trusted: false, trustError: 'DEPTH_ZERO_SELF_SIGNED_CERT' }
    expect(gist(judgeTls(selfSigned))).toEqual({ level: 'fail', layer: 'tls', cause: 'tls-untrusted' })
    expect(judgeTls(selfSigned).summary).toContain('DEPTH_ZERO_SELF_SIGNED_CERT')
    expect(judgeTls({ ...selfSigned, insecure: true }).level).toBe('warn')
  })

  it('fails a wrong name or an expired certificate, warns two weeks ahead', () => {
    expect(judgeTls({ ...good, nameMatches: false }).cause).toBe('tls-name-mismatch')
    expect(judgeTls({ ...good, validTo: now - 1 }).cause).toBe('tls-expired')
    expect(gist(judgeTls({ ...good, validTo: now + 13 * day }))).toEqual({ level: 'warn', layer: 'tls', cause: 'tls-expiring' })
    expect(judgeTls({ ...good, validTo: now + 13 * day }).summary).toContain('13 days')
    expect(judgeTls({ ...good, validTo: now + 15 * day }).level).toBe('pass')
  })

  it('names a port that does not speak TLS', () => {
    const plain = { ...good, protocol: null, trusted: false, error: 'EPROTO: wrong version number' }
    expect(judgeTls(plain).cause).toBe('tls-not-tls')
    expect(judgeTls({ ...plain, error: 'ECONNRESET' }).cause).toBe('tls-untrusted')
  })
})

describe('the page, REST and CORS', () => {
  const page = { online: true, pageProtocol: 'https:', wsUrl: 'wss://data.dlux.io/ws/payment-monitor', apiUrl: 'https://data.dlux.io', cspBlocked: [] }

  it('passes a healthy page and names offline, mixed content and CSP blocks', () => {
    expect(judgePage(page).map((v) => v.level)).toEqual(['pass', 'pass', 'pass'])
    expect(gist(judgePage({ ...page, online: false })[0] as Verdict)).toEqual({ level: 'fail', layer: 'browser', cause: 'offline' })
    const mixed = judgePage({ ...page, wsUrl: 'ws://data.dlux.io/ws/payment-monitor' })[1] as Verdict
    expect(mixed).toMatchObject({ level: 'fail', cause: 'mixed-content' })
    expect(mixed.summary).toContain('ws://data.dlux.io/ws/payment-monitor')
    expect(judgePage({ ...page, pageProtocol: 'http:', wsUrl: 'ws://localhost/ws' })[1]?.level).toBe('pass')
    const csp = judgePage({ ...page, cspBlocked: ['wss://data.dlux.io', 'wss://data.dlux.io'] })[2] as Verdict
    expect(csp).toMatchObject({ level: 'fail', layer: 'browser', cause: 'csp-blocked', summary: 'the Content-Security-Policy blocked wss://data.dlux.io' })
  })

  const rest = { url: 'https://data.dlux.io/api/onboarding/payment/status/x', status: 404, contentType: 'application/json', json: true, realChannel: false, error: null, ms: 20 }

  it("accepts the API's JSON 404 for an unknown channel, not for a real one", () => {
    expect(judgeRest(rest).level).toBe('pass')
    expect(judgeRest({ ...rest, realChannel: true }).cause).toBe('channel-not-found')
    expect(judgeRest({ ...rest, status: 200, realChannel: true }).level).toBe('pass')
  })

  it('tells a misrouted route, a server error and an unreachable one apart', () => {
    expect(gist(judgeRest({ ...rest, contentType: 'text/html', json: false }))).toEqual({ level: 'fail', layer: 'proxy', cause: 'rest-misrouted' })
    expect(gist(judgeRest({ ...rest, status: 200, contentType: 'text/html', json: false }))).toMatchObject({ cause: 'rest-misrouted' })
    expect(gist(judgeRest({ ...rest, status: 502, contentType: 'text/html', json: false }))).toEqual({ level: 'fail', layer: 'backend', cause: 'rest-server-error' })
    expect(judgeRest({ ...rest, status: 500 }).cause).toBe('rest-server-error')
    expect(gist(judgeRest({ ...rest, status: null, json: false, error: 'ECONNREFUSED' }))).toEqual({ level: 'fail', layer: 'rest', cause: 'rest-unreachable' })
  })

  it('wants the origin allowed and Retry-After exposed', () => {
    const origin = 'https://vue.dlux.io'
    expect(judgeCors({ origin, allowOrigin: '*', exposeHeaders: 'Retry-After, Date' }).level).toBe('pass')
    expect(judgeCors({ origin, allowOrigin: origin, exposeHeaders: 'retry-after' }).level).toBe('pass')
    expect(gist(judgeCors({ origin, allowOrigin: origin, exposeHeaders: 'Date' }))).toEqual({ level: 'warn', layer: 'cors', cause: 'cors-retry-after' })
    expect(gist(judgeCors({ origin, allowOrigin: null, exposeHeaders: null }))).toEqual({ level: 'fail', layer: 'cors', cause: 'cors-missing' })
    expect(judgeCors({ origin, allowOrigin: 'https://dlux.io', exposeHeaders: '*' }).level).toBe('fail')
  })
})

describe('the verdict module', () => {
  it('ranks fail over warn over pass', () => {
    const p = judgeRtt({ sent: 1, samplesMs: [1] })
    const w = judgeRtt({ sent: 2, samplesMs: [1] })
    const f = judgeRtt({ sent: 1, samplesMs: [] })
    expect(worstLevel([])).toBe('pass')
    expect(worstLevel([p, w, p])).toBe('warn')
    expect(worstLevel([w, f, p])).toBe('fail')
    expect(worstLevel([f, w])).toBe('fail')
  })

  it('gives every cause a fix, and names Caddy wherever it names nginx', () => {
    for (const [id, cause] of Object.entries(CAUSES)) {
      expect(cause.fix.length, id).toBeGreaterThan(20)
      if (cause.fix.includes('nginx')) expect(cause.fix, id).toContain('Caddy')
    }
  })
})
