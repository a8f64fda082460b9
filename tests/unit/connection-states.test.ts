import { describe, expect, it } from 'vitest'
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
