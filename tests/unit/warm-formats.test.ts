/**
 * The app's first formats are made while it downloads: first by a worker (which loads the
 * browser's number data off the main thread), then on the main thread one per task, so none of
 * them lengthens the hand-over from the first screen to the app.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { loadFormatsOffThread, warmFormats, type FormatsWorker } from '../../src/boot/warmFormats'
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

const settledYet = async (promise: Promise<void>): Promise<boolean> => {
  let settled = false
  void promise.then(() => (settled = true))
  for (let i = 0; i < 5; i++) await Promise.resolve()
  return settled
}

describe('warmFormats', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('makes dollars, durations and "ago", one per task, in that order, none in the calling task', () => {
    const made: string[] = []
    const tasks: Array<() => void> = []
    warmFormats(spyTranslator(made), (task) => tasks.push(task))
    expect(made).toEqual([])
    for (let i = 0; i < 10 && tasks.length > 0; i++) {
      const before = made.length
      tasks.shift()!()
      expect(made.length - before).toBe(1)
    }
    expect(made).toEqual(['usd', 'span', 'ago'])
  })

  it('schedules each on a timer of its own by default', () => {
    vi.useFakeTimers()
    const made: string[] = []
    warmFormats(spyTranslator(made))
    expect(made).toEqual([])
    vi.advanceTimersToNextTimer()
    expect(made).toEqual(['usd'])
    vi.runAllTimers()
    expect(made).toEqual(['usd', 'span', 'ago'])
  })
})

describe('loadFormatsOffThread', () => {
  it("sends the worker the page's language and resolves once it answers, ending the worker", async () => {
    const worker = fakeWorker()
    const done = loadFormatsOffThread('de', worker.start)
    expect(worker.sent).toEqual(['de'])
    expect(await settledYet(done)).toBe(false)
    worker.settle()
    expect(await settledYet(done)).toBe(true)
    expect(worker.terminated()).toBe(1)
  })

  it('resolves at once where no worker can start: there is nothing to wait for', async () => {
    expect(await settledYet(loadFormatsOffThread('en', () => null))).toBe(true)
  })

  it('by default starts the formats worker as a module worker of its own file, and resolves on its answer or its error', async () => {
    const made: Array<{ url: string; type: string | undefined; worker: Record<string, unknown> }> = []
    class FakeWorker {
      onmessage: (() => void) | null = null
      onerror: (() => void) | null = null
      sent: unknown[] = []
      terminated = false
      constructor(url: URL | string, options?: { type?: string }) {
        made.push({ url: String(url), type: options?.type, worker: this as unknown as Record<string, unknown> })
      }
      postMessage(message: unknown) {
        this.sent.push(message)
      }
      terminate() {
        this.terminated = true
      }
    }
    vi.stubGlobal('Worker', FakeWorker)
    try {
      const answered = loadFormatsOffThread('ko')
      const failed = loadFormatsOffThread('es')
      expect(made.map((m) => [m.url.replace(/.*\//, ''), m.type])).toEqual([
        ['formatsWorker.ts', 'module'],
        ['formatsWorker.ts', 'module'],
      ])
      const [first, second] = made.map((m) => m.worker as unknown as FakeWorker)
      expect(first!.sent).toEqual(['ko'])
      expect(await settledYet(answered)).toBe(false)
      first!.onmessage!()
      second!.onerror!()
      expect(await settledYet(answered)).toBe(true)
      expect(await settledYet(failed)).toBe(true)
      expect(first!.terminated && second!.terminated).toBe(true)
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('resolves at once when the browser refuses to start the worker (a policy that blocks it)', async () => {
    vi.stubGlobal('Worker', class {
      constructor() {
        throw new DOMException('blocked', 'SecurityError')
      }
    })
    try {
      expect(await settledYet(loadFormatsOffThread('en'))).toBe(true)
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('where no Worker exists, starts none by default', async () => {
    expect(typeof Worker).toBe('undefined') // Node
    expect(await settledYet(loadFormatsOffThread('en'))).toBe(true)
  })
})
