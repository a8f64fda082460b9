import { describe, expect, it } from 'vitest'
import { parseArgs, UsageError } from '../../scripts/doctor/args'
import { renderText, styleFor } from '../../scripts/doctor/render'
import { EXIT_CODES, type DoctorReport } from '../../scripts/doctor/run'
import { judgeRtt, judgeUpgrade } from '../../src/core/diagnostics/socketVerdicts'

describe('doctor command line', () => {
  it('defaults the API to the socket host over https, the hold to 90 s', () => {
    const options = parseArgs(['wss://data.dlux.io/ws/payment-monitor'])
    if (options === 'help') throw new Error('help')
    expect(options.apiUrl.href).toBe('https://data.dlux.io/')
    expect(options.holdMs).toBe(90_000)
    expect(options.origin).toBeNull()
    expect(options.heartbeatIntervalMs).toBe(15_000)
    const plain = parseArgs(['ws://127.0.0.1:8080/ws/payment-monitor', '--origin', 'https://vue.dlux.io/qr', '--hold', '5', '--channel', 'abc', '--json'])
    if (plain === 'help') throw new Error('help')
    expect(plain.apiUrl.href).toBe('http://127.0.0.1:8080/')
    expect(plain.origin, 'an origin, not a page URL').toBe('https://vue.dlux.io')
    expect(plain).toMatchObject({ holdMs: 5000, channel: 'abc', json: true })
  })

  it('refuses what it cannot run', () => {
    expect(() => parseArgs([])).toThrow(UsageError)
    expect(() => parseArgs(['https://data.dlux.io/ws'])).toThrow(/ws: or wss:/)
    expect(() => parseArgs(['wss://x/ws', '--hold', 'soon'])).toThrow(/--hold/)
    expect(() => parseArgs(['wss://x/ws', '--ca', 'a.pem', '--insecure'])).toThrow(/exclude/)
    expect(() => parseArgs(['wss://x/ws', '--bogus'])).toThrow(/unknown option/)
    expect(() => parseArgs(['wss://x/ws', '--origin'])).toThrow(/needs a value/)
    expect(() => parseArgs(['wss://x/ws#top'])).toThrow(/the socket URL has a #fragment.*drop "#top"/)
    expect(() => parseArgs(['wss://x/ws#'])).toThrow(/#fragment/)
    expect(() => parseArgs(['wss://x/ws', '--api', 'https://x/#a'])).toThrow(/--api has a #fragment/)
    expect(parseArgs(['--help'])).toBe('help')
  })

  it('exits by the worst verdict: 0 pass, 1 warn, 2 fail', () => {
    expect(EXIT_CODES).toEqual({ pass: 0, warn: 1, fail: 2 })
  })

  it('colours only a terminal, and never with NO_COLOR', () => {
    const report: DoctorReport = {
      target: { wsUrl: 'wss://data.dlux.io/ws/payment-monitor', apiUrl: 'https://data.dlux.io/', origin: null, channel: null, holdMs: 1000 },
      startedAt: '2026-11-30T06:00:00.000Z',
      ms: 1500,
      steps: [
        { id: 'upgrade', title: 'WebSocket upgrade', ms: 12, details: ['< HTTP/1.1 502 Bad Gateway'], skipped: null, verdicts: [judgeUpgrade({ status: 502, statusText: 'Bad Gateway', headers: {}, bodyStart: '', timedOut: false, waitedMs: 12, error: null })] },
        { id: 'welcome-rtt', title: 'Welcome and round trip', ms: 0, details: [], skipped: 'the upgrade failed', verdicts: [] },
        { id: 'rest', title: 'REST status route', ms: 3, details: [], skipped: null, verdicts: [judgeRtt({ sent: 1, samplesMs: [3] })] },
      ],
      worst: 'fail',
      exitCode: 2,
    }
    const tty = renderText(report, styleFor({ isTTY: true }, {}))
    expect(tty).toContain('\x1b[31mFAIL')
    for (const style of [styleFor({ isTTY: true }, { NO_COLOR: '1' }), styleFor({ isTTY: false }, {}), styleFor({}, {})]) {
      const text = renderText(report, style)
      expect(text).not.toContain('\x1b[')
      expect(text).toContain(' 1. WebSocket upgrade  12 ms')
      expect(text).toContain('      < HTTP/1.1 502 Bad Gateway')
      expect(text).toContain('   FAIL upgrade        [backend] 502 Bad Gateway: the proxy could not get an answer from the app server')
      expect(text).toContain('        fix: The proxy cannot reach the app server')
      expect(text).toContain(' 2. Welcome and round trip  skipped: the upgrade failed')
      expect(text).toContain('FAIL: 1 fail, 0 warn, 1 pass in 1.5 s (exit 2)')
    }
  })
})
