import { describe, expect, it } from 'vitest'
import {
  REPORT_EVENT_LIMIT,
  buildReport,
  maskText,
  sanitizeUrl,
  type ReportEnv,
} from '../../src/core/diagnostics/report'
import { shortenChannelId } from '../../src/core/format'
import type { DiagnosticEvent } from '../../src/core/eventLog'
import { judgeSubscribe, judgeWelcome } from '../../src/core/diagnostics/socketVerdicts'
import { verdictLine } from '../../src/core/diagnostics/verdict'
import { BTC_ADDRESS, NOW, TX, makeAttempt, makeSnapshot, makeStatus } from '../component/fixtures'

const CHANNEL = '0123456789abcdef0123456789abcdef'
const ENV: ReportEnv = {
  now: NOW,
  pageOrigin: 'https://vue.dlux.io',
  pageProtocol: 'https:',
  userAgent: 'Mozilla/5.0 (test)',
}

function events(n: number): DiagnosticEvent[] {
  return Array.from({ length: n }, (_, i) => ({ at: NOW - (n - i) * 1000, kind: 'poll', level: 'info', message: `event ${i}` }))
}

describe('buildReport', () => {
  const snapshot = makeSnapshot({
    channelId: CHANNEL,
    state: 'polling',
    transport: 'polling',
    wsAttempts: 2,
    lastCloseCode: 1006,
    status: makeStatus({ code: 'payment_detected', txHash: TX, message: `Seen ${TX} for ${CHANNEL}` }),
    attempts: [makeAttempt({ id: 1 }), makeAttempt({ id: 2, closeReason: 'bye | now' })],
    events: [
      ...events(60),
      { at: NOW, kind: 'command', level: 'info', message: `Payment reported as sent, tx ${TX} to ${BTC_ADDRESS} on channel ${CHANNEL}` },
    ],
  })
  const report = buildReport(snapshot, ENV)

  it('is Markdown with every section', () => {
    for (const heading of [
      '# DLUX payment monitor: diagnostics report',
      '## Connection',
      '## Endpoints',
      '## Payment status',
      '## Hints',
      '## WebSocket attempts',
      '## Counters',
      '## Events (last 50 of 61)',
    ]) {
      expect(report).toContain(heading)
    }
    expect(report).toContain('- State: polling, transport: polling')
    expect(report).toContain('- WebSocket attempts: 2')
    expect(report).toContain('1006 (Abnormal closure')
    expect(report).toContain('- WebSocket: wss://data.dlux.io/ws/payment-monitor')
    expect(report).toContain('- Page: https://vue.dlux.io (https:)')
    expect(report).toContain('proxy-drops-socket')
  })

  it('adds the connection test verdicts in the words the doctor uses, only when one ran', () => {
    expect(report).not.toContain('## Connection test')
    const flap = judgeWelcome({ openMs: 40, welcomeAfterOpenMs: 150, closed: { code: 1006, afterOpenMs: 233 } })
    const subscribed = judgeSubscribe({ firstStatus: 'confirming', afterMs: 4, error: `unknown ${CHANNEL}` })
    const withTest = buildReport(snapshot, ENV, { verdicts: [subscribed, flap], startedAt: NOW - 65_000, ms: 64_321, cancelled: false })
    const section = withTest.slice(withTest.indexOf('## Connection test'), withTest.indexOf('## WebSocket attempts'))
    expect(section).toContain(`- Started ${new Date(NOW - 65_000).toISOString()}, took 64321 ms`)
    expect(section).toContain(`- ${verdictLine(flap)}`)
    expect(section).toContain('- PASS subscribe [channel] first status_update: confirming after 4 ms')
    expect(withTest.indexOf('## Connection test')).toBeGreaterThan(withTest.indexOf('## Hints'))
    const cancelled = buildReport(snapshot, ENV, { verdicts: [], startedAt: NOW, ms: 10, cancelled: true })
    expect(cancelled).toContain('took 10 ms, cancelled')
  })

  it('keeps only the last 50 events', () => {
    expect(REPORT_EVENT_LIMIT).toBe(50)
    expect(report).not.toContain('event 10\n')
    expect(report).toContain('event 59')
    expect(report).toContain('event 11')
  })

  it('leaks no address, tx hash or channel id', () => {
    expect(report).not.toContain(BTC_ADDRESS)
    expect(report).not.toContain(TX)
    expect(report).not.toContain(CHANNEL)
    expect(report).toContain('bc1qxy…0wlh')
    expect(report).toContain('a1b2c3…8f90')
    expect(report).toContain('012345…cdef')
  })

  it('escapes table cells', () => {
    expect(report).toContain('bye \\| now')
  })

  it('warns about mixed content', () => {
    const mixed = buildReport(
      makeSnapshot({ endpoints: { wsUrl: 'ws://data.dlux.io/ws/payment-monitor', apiUrl: 'https://data.dlux.io' } }),
      ENV,
    )
    expect(mixed).toContain('**Mixed content**')
    expect(mixed).toContain('mixed-content')
  })

  it('works before anything happened', () => {
    const empty = buildReport(makeSnapshot({ channelId: null, status: null, attempts: [], events: [], lastCloseCode: null }), ENV)
    expect(empty).toContain('No status received yet.')
    expect(empty).toContain('## Events (last 0 of 0)')
  })
})

describe('masking', () => {
  it('shortens long tokens and the channel id, even a short one', () => {
    expect(maskText(`key STM${'a'.repeat(50)} ok`, null)).toBe('key STMaaa…aaaa ok')
    expect(maskText('channel abcd1234 closed', 'abcd1234')).toBe('channel abcd… closed')
    expect(shortenChannelId('abcd1234')).toBe('abcd…')
    expect(maskText('plain words stay', null)).toBe('plain words stay')
  })

  it('drops credentials, query and fragment from URLs', () => {
    expect(sanitizeUrl('wss://user:pass@data.dlux.io/ws/payment-monitor?token=abc#x')).toBe(
      'wss://data.dlux.io/ws/payment-monitor',
    )
    expect(sanitizeUrl('not a url')).toBe('(unreadable URL)')
  })
})
