import { describe, expect, it } from 'vitest'
import { ChangeBatch } from '../../src/core/machine/changeBatch'

/** A batch over a counter: each snapshot is the build number, so listeners see how many were published. */
function counting() {
  let builds = 0
  const batch = new ChangeBatch(() => ++builds)
  const seen: number[] = []
  batch.subscribe((snapshot) => seen.push(snapshot))
  return { batch, seen }
}

describe('one snapshot per change', () => {
  it('publishes a change made outside a batch at once', () => {
    const { batch, seen } = counting()
    batch.changed()
    expect(seen).toHaveLength(1)
  })

  it('publishes once at the end of a batch, however many changes it made, and only at the outermost end', () => {
    const { batch, seen } = counting()
    batch.batch(() => {
      batch.changed()
      batch.batch(() => batch.changed())
      expect(seen).toHaveLength(0)
      batch.changed()
    })
    expect(seen).toHaveLength(1)
  })

  it('publishes nothing for a batch that changed nothing, before or after a published change', () => {
    const { batch, seen } = counting()
    batch.batch(() => undefined)
    expect(seen).toHaveLength(0)
    batch.changed()
    batch.batch(() => undefined)
    expect(seen).toHaveLength(1)
  })

  it('wraps a sink: every call is one published change; other members stay as they are', () => {
    const { batch, seen } = counting()
    const sink = batch.wrap({ limit: 3, event: (n: number) => n * 2 })
    expect(sink.limit).toBe(3)
    expect(sink.event(4)).toBe(8)
    expect(seen).toHaveLength(1)
  })

  it('stops calling a listener once removed', () => {
    const { batch, seen } = counting()
    const extra: number[] = []
    const remove = batch.subscribe((s) => extra.push(s))
    expect(batch.listenerCount).toBe(2)
    remove()
    batch.changed()
    expect(extra).toHaveLength(0)
    expect(seen).toHaveLength(1)
    expect(batch.listenerCount).toBe(1)
  })
})
