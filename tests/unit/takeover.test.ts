/**
 * The app taking over from the first screen in steps of a task each: start watching, wait for
 * news, mount off screen, wait for every part, replace. The deadline takes over with what there is.
 */
import { describe, expect, it } from 'vitest'
import { takeOverInTurns, type TakeoverSteps } from '../../src/boot/takeover'

function deferred() {
  let resolve: () => void = () => undefined
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}

/** Steps that record themselves, with the news, the parts and the deadline in the test's hands. */
function harness() {
  const log: string[] = []
  const tasks: Array<() => void> = []
  const news = deferred()
  const idle = deferred()
  const deadline = deferred()
  const steps: TakeoverSteps = {
    start: () => log.push('start'),
    news: () => news.promise,
    mount: () => log.push('mount'),
    turns: { idle: () => idle.promise, finish: () => log.push('finish') },
    rendered: async () => void log.push('rendered'),
    replace: () => log.push('replace'),
  }
  const nextTask = () =>
    new Promise<void>((resolve) => {
      tasks.push(() => {
        log.push('task')
        resolve()
      })
    })
  /** Lets promise callbacks run, then runs the next task if there is one. */
  const step = async (): Promise<void> => {
    for (let i = 0; i < 5; i++) await Promise.resolve()
    tasks.shift()?.()
    for (let i = 0; i < 5; i++) await Promise.resolve()
  }
  return { log, steps, news, idle, deadline, timing: { nextTask, deadline: deadline.promise }, step, tasks }
}

describe('takeOverInTurns', () => {
  it('starts in a task after the modules ran, mounts in a task after the news, replaces once every part is in', async () => {
    const h = harness()
    const done = takeOverInTurns(h.steps, h.timing)
    expect(h.log).toEqual([]) // nothing in the task that ran the app's modules
    await h.step()
    expect(h.log).toEqual(['task', 'start'])
    await h.step()
    expect(h.log).toEqual(['task', 'start']) // no news yet: nothing mounts
    h.news.resolve()
    await h.step()
    expect(h.log).toEqual(['task', 'start', 'task', 'mount'])
    await h.step()
    expect(h.log).toEqual(['task', 'start', 'task', 'mount']) // parts still rendering
    h.idle.resolve()
    await done
    expect(h.log).toEqual(['task', 'start', 'task', 'mount', 'finish', 'rendered', 'replace'])
  })

  it('mounts at the deadline without news, and takes over with what it has', async () => {
    const h = harness()
    const done = takeOverInTurns(h.steps, h.timing)
    await h.step()
    expect(h.log).toEqual(['task', 'start'])
    h.deadline.resolve()
    await h.step()
    await done
    // Mounted a task later, and (the deadline passed) every part at once, then on screen.
    expect(h.log).toEqual(['task', 'start', 'task', 'mount', 'finish', 'rendered', 'replace'])
  })

  it('renders the parts still waiting at the deadline at once, then replaces', async () => {
    const h = harness()
    const done = takeOverInTurns(h.steps, h.timing)
    await h.step()
    h.news.resolve()
    await h.step()
    expect(h.log).toContain('mount')
    expect(h.log).not.toContain('replace')
    h.deadline.resolve()
    await done
    expect(h.log.slice(-3)).toEqual(['finish', 'rendered', 'replace'])
  })
})
