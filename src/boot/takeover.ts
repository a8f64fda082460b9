/**
 * The app taking the screen over from the first screen (src/main.ts), in steps of a task each, so
 * that none of them is a long task on a slow phone: start watching the payment (the monitor adopts
 * the pre-started request and socket), wait for its status, mount the page off screen with its
 * parts rendering in turns (src/core/renderTurns.ts), and put it in the first screen's place once
 * every part is in. The page never goes back to "Looking up your payment…" and never shows half.
 *
 * By the deadline the app takes over whatever it has: with no status yet, it shows what it is
 * doing; with parts still waiting, they render at once.
 */

export interface TakeoverSteps {
  /** Starts watching the first screen's payment. */
  start(): void
  /** Resolves once the app has something to show: a status, or that the payment is not found. */
  news(): Promise<void>
  /** Mounts the page off screen. */
  mount(): void
  /** The turns its parts render in. */
  turns: { idle(): Promise<void>; finish(): void }
  /** Resolves once what `turns.finish()` let through is rendered. */
  rendered(): Promise<void>
  /** Puts the page in the first screen's place. */
  replace(): void
}

export interface TakeoverTiming {
  /** Resolves in a later task (`setTimeout(…, 0)` on the page). */
  nextTask(): Promise<void>
  /** Resolves when the app must take over whatever it has. */
  deadline: Promise<void>
}

export async function takeOverInTurns(steps: TakeoverSteps, { nextTask, deadline }: TakeoverTiming): Promise<void> {
  // The app's modules have just run in this task: each step gets a task of its own.
  await nextTask()
  steps.start()
  await Promise.race([steps.news(), deadline])
  await nextTask()
  steps.mount()
  await Promise.race([steps.turns.idle(), deadline])
  steps.turns.finish()
  await steps.rendered()
  steps.replace()
}
