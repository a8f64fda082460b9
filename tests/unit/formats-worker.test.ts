/**
 * The formats worker makes the first formats in the language it is sent (which is what loads the
 * browser's number data for the page) and always answers, so the page never waits on it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

type Listener = (event: { data: unknown }) => void

/** Records the arguments of every `Intl.<name>` made until `restore`, the formats still working. */
function recordIntl(name: 'NumberFormat' | 'RelativeTimeFormat') {
  const calls: unknown[][] = []
  const original = Intl[name]
  // A subclass, so `new` works and what it makes still formats.
  const Recording = class extends (original as unknown as new (...args: unknown[]) => object) {
    constructor(...args: unknown[]) {
      super(...args)
      calls.push(args)
    }
  }
  Object.defineProperty(Intl, name, { value: Recording, configurable: true, writable: true })
  return { calls, restore: () => Object.defineProperty(Intl, name, { value: original, configurable: true, writable: true }) }
}

describe('the formats worker', () => {
  let listener: Listener | null = null
  const answers: unknown[] = []

  beforeEach(async () => {
    vi.resetModules()
    answers.length = 0
    vi.stubGlobal('addEventListener', (type: string, handler: Listener) => {
      if (type === 'message') listener = handler
    })
    vi.stubGlobal('postMessage', (message: unknown) => answers.push(message))
    await import('../../src/boot/formatsWorker')
  })

  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('makes the dollar, duration and "ago" formats in that language, then answers', () => {
    const numberFormat = recordIntl('NumberFormat')
    const relative = recordIntl('RelativeTimeFormat')
    try {
      listener!({ data: 'pl' })
    } finally {
      numberFormat.restore()
      relative.restore()
    }
    expect(numberFormat.calls).toContainEqual(['pl', { style: 'currency', currency: 'USD' }])
    expect(numberFormat.calls).toContainEqual(['pl', expect.objectContaining({ style: 'unit', unit: 'second' })])
    expect(relative.calls).toEqual([['pl', { style: 'short' }]])
    expect(answers).toEqual(['pl'])
  })

  it('answers a language it does not know without making anything', () => {
    const numberFormat = recordIntl('NumberFormat')
    try {
      listener!({ data: '<script>' })
      listener!({ data: 42 })
    } finally {
      numberFormat.restore()
    }
    expect(numberFormat.calls).toEqual([])
    expect(answers).toEqual(['<script>', 42])
  })
})
