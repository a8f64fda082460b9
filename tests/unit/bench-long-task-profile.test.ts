/**
 * The long-task finder: a CPU profile's samples are put in the long task they fell in, on the
 * page's clock, and summed by function, by self time and by time on the stack.
 */
import { describe, expect, it } from 'vitest'
import { profileTasks, type CpuProfile } from '../../bench/longTaskProfile'

const frame = (functionName: string, url = 'https://x/assets/main.js', lineNumber = 9) => ({ functionName, url, lineNumber })

// root → mount → render → format (recursive through render once)
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)', ''), children: [2] },
    { id: 2, callFrame: frame('mount'), children: [3] },
    { id: 3, callFrame: frame('render'), children: [4, 5] },
    { id: 4, callFrame: frame('formatUsd', 'https://x/assets/index.js?v=1', 99) },
    { id: 5, callFrame: frame('render'), children: [] },
  ],
  // Navigation started at 5 000 000 µs; samples every 10 ms from 1000 ms after it.
  startTime: 6_000_000,
  samples: [4, 4, 4, 5, 2, 4],
  timeDeltas: [0, 10_000, 10_000, 10_000, 10_000, 10_000],
}

describe('profileTasks', () => {
  it('puts each sample in the task it fell in, on the page clock', () => {
    const [first, second, none] = profileTasks(profile, 5_000_000, [
      { start: 1000, duration: 25 },
      { start: 1030, duration: 60 },
      { start: 2000, duration: 60 },
    ])
    expect([first?.samples, second?.samples, none?.samples]).toEqual([3, 3, 0])
    expect(first?.self).toEqual([['formatUsd index.js:100', 1]])
    expect(second?.self).toEqual([
      ['render main.js:10', 1 / 3],
      ['mount main.js:10', 1 / 3],
      ['formatUsd index.js:100', 1 / 3],
    ])
  })

  it('counts a function once per sample on the stack, and leaves out frames without a script', () => {
    const [task] = profileTasks(profile, 5_000_000, [{ start: 1030, duration: 60 }])
    expect(Object.fromEntries(task?.total ?? [])).toEqual({ 'mount main.js:10': 1, 'render main.js:10': 2 / 3, 'formatUsd index.js:100': 1 / 3 })
  })
})
