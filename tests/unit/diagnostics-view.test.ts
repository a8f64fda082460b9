import { describe, expect, it } from 'vitest'
import type { DiagnosticEvent } from '../../src/core/eventLog'
import { EVENT_ROWS_SHOWN, diagnosticsView } from '../../src/view/diagnosticsView'
import { NOW, makeAttempt, makeSnapshot } from '../component/fixtures'

const ENV = { pageOrigin: 'https://vue.dlux.io', pageProtocol: 'https:', userAgent: null, embedded: false }

function event(i: number): DiagnosticEvent {
  return { at: NOW + i, kind: 'socket', level: 'info', message: `event ${i}` }
}

describe('diagnosticsView', () => {
  it('lists attempts newest first, every column in words', () => {
    const view = diagnosticsView(
      makeSnapshot({
        attempts: [
          makeAttempt({ id: 1, closeCode: 1006, closedBy: 'network', wasClean: false, closeReason: '', clientReason: null, lifetimeMs: 233.4 }),
          makeAttempt({ id: 2, closeCode: null, closedBy: null, wasClean: null, closeReason: 'bye', clientReason: 'connect timeout', openMs: null }),
        ],
      }),
      ENV,
      NOW,
    )
    expect(view.attempts.map((a) => a.id)).toEqual([2, 1])
    expect(view.attempts[1]).toMatchObject({ closeCode: expect.stringMatching(/^1006 \(Abnormal closure/), clean: 'no', closedBy: 'network', lifetime: '233 ms', reason: '–' })
    expect(view.attempts[0]).toMatchObject({ closeCode: '–', clean: '–', closedBy: '–', open: '–', reason: 'bye · connect timeout' })
  })

  it('shows the newest events first, at most EVENT_ROWS_SHOWN of them', () => {
    const events = Array.from({ length: EVENT_ROWS_SHOWN + 20 }, (_, i) => event(i))
    const rows = diagnosticsView(makeSnapshot({ events }), ENV, NOW).events
    expect(rows).toHaveLength(EVENT_ROWS_SHOWN)
    expect(rows[0]?.message).toBe(`event ${EVENT_ROWS_SHOWN + 19}`)
    expect(rows.at(-1)?.message).toBe('event 20')
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length)
  })

  it('states the connection facts, with the hooks tests read, relative to now', () => {
    const view = diagnosticsView(
      makeSnapshot({ state: 'polling', transport: 'polling', nextPollAt: NOW + 4000, lastCloseCode: 1006, online: false }),
      { ...ENV, embedded: true },
      NOW,
    )
    const fact = (label: string) => view.connection.find((f) => f.label === label)
    expect(fact('State')).toEqual({ label: 'State', value: 'polling', testId: 'diag-state' })
    expect(fact('Transport')).toEqual({ label: 'Transport', value: 'polling', testId: 'diag-transport' })
    expect(fact('Next poll')?.value).toBe('in 4 s')
    expect(fact('Online')?.value).toBe('no')
    expect(fact('Page')).toMatchObject({ value: 'https://vue.dlux.io (https:), in an iframe', code: true })
    expect(fact('Last close')?.value).toMatch(/^1006 \(/)
    expect(view.hints.map((h) => h.id)).toContain('offline')
  })

  it('counts frames and polls as pairs', () => {
    const counters = diagnosticsView(makeSnapshot({ counters: { framesIn: 7, framesOut: 3, invalidFrames: 1, polls: 9, pollErrors: 2, errors: 4 } }), ENV, NOW).counters
    expect(counters.map((c) => `${c.label}=${c.value}`)).toEqual(['Frames in / out=7 / 3', 'Invalid frames=1', 'Polls / errors=9 / 2', 'Server errors=4'])
  })
})
