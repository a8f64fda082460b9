/**
 * The app's first formats are made while it downloads, each in a task of its own, so none of them
 * lengthens the hand-over from the first screen to the app.
 */
import { describe, expect, it, vi } from 'vitest'
import { warmFormats } from '../../src/boot/warmFormats'
import type { Translator } from '../../src/core/i18n/translator'
import { english } from '../support/i18n'

describe('warmFormats', () => {
  it('makes dollars, durations and "ago", one per task, in that order', () => {
    const made: string[] = []
    const tasks: Array<() => void> = []
    const spy: Translator = {
      ...english,
      usd: (v) => (made.push('usd'), english.usd(v)),
      span: (v) => (made.push('span'), english.span(v)),
      ago: (v) => (made.push('ago'), english.ago(v)),
    }
    warmFormats(spy, (task) => tasks.push(task))
    expect(made).toEqual([]) // nothing in the caller's task
    for (let i = 0; i < 10 && tasks.length > 0; i++) {
      const before = made.length
      tasks.shift()!()
      expect(made.length - before).toBe(1)
    }
    expect(made).toEqual(['usd', 'span', 'ago'])
  })

  it('schedules each on a timer of its own by default', () => {
    vi.useFakeTimers()
    try {
      const made: string[] = []
      warmFormats({ ...english, usd: (v) => (made.push('usd'), english.usd(v)), span: (v) => (made.push('span'), english.span(v)), ago: (v) => (made.push('ago'), english.ago(v)) })
      expect(made).toEqual([])
      vi.advanceTimersToNextTimer()
      expect(made).toEqual(['usd'])
      vi.runAllTimers()
      expect(made).toEqual(['usd', 'span', 'ago'])
    } finally {
      vi.useRealTimers()
    }
  })
})
