import { describe, expect, it } from 'vitest'
import * as C from '../../src/core/machine/connection'
import {
  IllegalTransitionError,
  TRANSITIONS,
  assertTransition,
  canTransition,
  type ConnectionState,
} from '../../src/core/machine/states'

const STATES: ConnectionState[] = ['idle', 'connecting', 'open', 'polling', 'failed']

describe('connection state transition table', () => {
  it('lists every state', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...STATES].sort())
  })

  it.each(STATES.flatMap((from) => STATES.map((to) => [from, to] as const)))('%s → %s follows the table', (from, to) => {
    const allowed = TRANSITIONS[from].includes(to)
    expect(canTransition(from, to)).toBe(allowed)
    if (allowed) expect(() => assertTransition(from, to)).not.toThrow()
    else expect(() => assertTransition(from, to)).toThrow(IllegalTransitionError)
  })

  it('never allows open straight from idle: a socket must connect first', () => {
    expect(canTransition('idle', 'open')).toBe(false)
  })

  it('lets every active state stop (→ idle) and be retried (→ connecting)', () => {
    for (const state of ['connecting', 'open', 'polling', 'failed'] as const) {
      expect(canTransition(state, 'idle')).toBe(true)
      if (state !== 'connecting') expect(canTransition(state, 'connecting')).toBe(true)
    }
  })
})

describe('what is read off the one connection value', () => {
  const all = [C.IDLE, C.CONNECTING, C.OPEN, C.POLLING, C.UNREACHABLE, C.NOT_FOUND]

  it('names the transport that delivers status: the socket only when open, polling only while polling steadily', () => {
    expect(all.map(C.transportOf)).toEqual(['none', 'none', 'websocket', 'polling', 'polling', 'none'])
  })

  it('polls steadily only in polling and while nothing answers, never while open or for a channel that does not exist', () => {
    expect(all.map(C.pollsSteadily)).toEqual([false, false, false, true, true, false])
  })

  it('seeks a socket in every monitoring state except "not found"', () => {
    expect(all.map(C.wantsSocket)).toEqual([false, true, true, true, true, false])
  })

  it('says "not found" and the failure reason only for a failed connection', () => {
    expect(all.map(C.isNotFound)).toEqual([false, false, false, false, false, true])
    expect(all.map(C.failureReasonOf)).toEqual([null, null, null, null, 'unreachable', 'not_found'])
  })
})

describe('an illegal transition', () => {
  it('names both states in its error', () => {
    const error = (() => {
      try {
        assertTransition('idle', 'open')
      } catch (caught) {
        return caught as IllegalTransitionError
      }
    })()
    expect(error).toBeInstanceOf(IllegalTransitionError)
    expect(error).toMatchObject({ name: 'IllegalTransitionError', message: 'Illegal connection state transition: idle → open', from: 'idle', to: 'open' })
  })

  it('allows a failed connection to change its reason (unreachable, then the API says not found)', () => {
    expect(canTransition('failed', 'failed')).toBe(true)
  })
})
