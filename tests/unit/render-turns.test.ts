/**
 * Render turns: while the app renders off screen, each part that asks renders in a task of its
 * own, in the order asked; once finished, every part renders at once.
 */
import { describe, expect, it } from 'vitest'
import { RenderTurns } from '../../src/core/renderTurns'

/** Tasks queued by the turns, run one at a time by the test. */
function taskQueue() {
  const tasks: Array<() => void> = []
  return {
    nextTask: (task: () => void) => void tasks.push(task),
    pending: () => tasks.length,
    /** Runs the oldest task; false when there was none. */
    runOne: (): boolean => {
      const task = tasks.shift()
      task?.()
      return task !== undefined
    },
  }
}

describe('RenderTurns', () => {
  it('lets the parts through one per task, in the order they asked, none in the asking task', () => {
    const queue = taskQueue()
    const turns = new RenderTurns(queue.nextTask)
    const went: string[] = []
    turns.request(() => went.push('a'))
    turns.request(() => went.push('b'))
    turns.request(() => went.push('c'))
    expect(went).toEqual([])
    queue.runOne()
    expect(went).toEqual(['a'])
    queue.runOne()
    expect(went).toEqual(['a', 'b'])
    queue.runOne()
    expect(went).toEqual(['a', 'b', 'c'])
  })

  it('gives a part that asks during a turn (a part inside a part) a later task', () => {
    const queue = taskQueue()
    const turns = new RenderTurns(queue.nextTask)
    const went: string[] = []
    turns.request(() => {
      went.push('outer')
      turns.request(() => went.push('inner'))
    })
    turns.request(() => went.push('next'))
    queue.runOne()
    expect(went).toEqual(['outer'])
    queue.runOne()
    expect(went).toEqual(['outer', 'next'])
    queue.runOne()
    expect(went).toEqual(['outer', 'next', 'inner'])
  })

  it('skips a part cancelled before its turn without spending a task on it', () => {
    const queue = taskQueue()
    const turns = new RenderTurns(queue.nextTask)
    const went: string[] = []
    turns.request(() => went.push('a'))
    const cancel = turns.request(() => went.push('removed'))
    turns.request(() => went.push('c'))
    cancel()
    queue.runOne()
    queue.runOne()
    expect(went).toEqual(['a', 'c'])
  })

  it('is idle once a task has passed after the last part with nobody asking', async () => {
    const queue = taskQueue()
    const turns = new RenderTurns(queue.nextTask)
    let idle = false
    turns.request(() => undefined)
    turns.request(() => undefined)
    void turns.idle().then(() => (idle = true))
    queue.runOne()
    queue.runOne()
    await Promise.resolve()
    expect(idle).toBe(false) // the last part's render is not known to be in until a task later
    queue.runOne()
    await Promise.resolve()
    expect(idle).toBe(true)
    expect(queue.pending()).toBe(0)
  })

  it('after being idle, lets a part that asks later through in a turn of its own, and is idle again after it', async () => {
    const queue = taskQueue()
    const turns = new RenderTurns(queue.nextTask)
    const went: string[] = []
    turns.request(() => went.push('a'))
    while (queue.runOne());
    await expect(turns.idle()).resolves.toBeUndefined()
    turns.request(() => went.push('b'))
    expect(went).toEqual(['a'])
    let idle = false
    void turns.idle().then(() => (idle = true))
    while (queue.runOne());
    await Promise.resolve()
    expect(went).toEqual(['a', 'b'])
    expect(idle).toBe(true)
  })

  it('is idle at once when no part asked', async () => {
    const turns = new RenderTurns(() => {
      throw new Error('no task should be scheduled')
    })
    await expect(turns.idle()).resolves.toBeUndefined()
  })

  it('once finished, lets the waiting parts through at once, then every new one as it asks', async () => {
    const queue = taskQueue()
    const turns = new RenderTurns(queue.nextTask)
    const went: string[] = []
    turns.request(() => went.push('a'))
    const cancel = turns.request(() => went.push('removed'))
    turns.request(() => went.push('c'))
    cancel()
    const idle = turns.idle()
    turns.finish()
    expect(went).toEqual(['a', 'c'])
    await expect(idle).resolves.toBeUndefined()
    turns.request(() => went.push('later'))
    expect(went).toEqual(['a', 'c', 'later'])
    // The turn already scheduled finds nothing to do.
    while (queue.runOne());
    expect(went).toEqual(['a', 'c', 'later'])
  })
})
