/**
 * The app's first formats are made while it downloads: first in a worker (which loads the browser's
 * number data off the main thread), then on the main thread one per task, so none of them
 * lengthens the hand-over from the first screen to the app.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { warmFormats, type FormatsWorker } from '../../src/boot/warmFormats'
import type { Translator } from '../../src/core/i18n/translator'
import { english } from '../support/i18n'

function spyTranslator(made: string[]): Translator {
  return {
    ...english,
    usd: (v) => (made.push('usd'), english.usd(v)),
    span: (v) => (made.push('span'), english.span(v)),
    ago: (v) => (made.push('ago'), english.ago(v)),
  }
}

/** A worker that records what it was sent, and settles when the test says. */
function fakeWorker() {
  const sent: string[] = []
  let settle: () => void = () => undefined
  let terminated = 0
  const start = (settled: () => void): FormatsWorker => {
    settle = settled
    return { postMessage: (language) => sent.push(language), terminate: () => (terminated += 1) }
  }
  return { start, sent, settle: () => settle(), terminated: () => terminated }
}

describe('warmFormats', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('without a worker, makes dollars, durations and "ago", one per task, in that order', () => {
    const made: string[] = []
    const tasks: Array<() => void> = []
    warmFormats(spyTranslator(made), { schedule: (task) => tasks.push(task), startWorker: () => null })
    expect(made).toEqual([]) // nothing in the caller's task
    for (let i = 0; i < 10 && tasks.length > 0; i++) {
      const before = made.length
      tasks.shift()!()
      expect(made.length - before).toBe(1)
    }
    expect(made).toEqual(['usd', 'span', 'ago'])
  })

  it("sends the worker the page's language, and makes nothing on the main thread until it answers", () => {
    const made: string[] = []
    const tasks: Array<() => void> = []
    const worker = fakeWorker()
    warmFormats({ ...spyTranslator(made), language: 'de' }, { schedule: (task) => tasks.push(task), startWorker: worker.start })
    expect(worker.sent).toEqual(['de'])
    expect(tasks).toHaveLength(0)
    worker.settle()
    expect(worker.terminated()).toBe(1)
    for (let i = 0; i < 10 && tasks.length > 0; i++) tasks.shift()!()
    expect(made).toEqual(['usd', 'span', 'ago'])
  })

  it('goes on once however often the worker settles (an answer, then an error)', () => {
    const made: string[] = []
    const tasks: Array<() => void> = []
    const worker = fakeWorker()
    warmFormats(spyTranslator(made), { schedule: (task) => tasks.push(task), startWorker: worker.start })
    worker.settle()
    worker.settle()
    expect(tasks).toHaveLength(1)
    expect(worker.terminated()).toBe(1)
    for (let i = 0; i < 10 && tasks.length > 0; i++) tasks.shift()!()
    expect(made).toEqual(['usd', 'span', 'ago'])
  })

  it('where no Worker exists, schedules each on a timer of its own by default', () => {
    vi.useFakeTimers()
    expect(typeof Worker).toBe('undefined') // Node: the default worker cannot start
    const made: string[] = []
    warmFormats(spyTranslator(made))
    expect(made).toEqual([])
    vi.advanceTimersToNextTimer()
    expect(made).toEqual(['usd'])
    vi.runAllTimers()
    expect(made).toEqual(['usd', 'span', 'ago'])
  })
})
