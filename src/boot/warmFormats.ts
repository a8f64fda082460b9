/**
 * The `Intl` formats the app's first render uses, made ahead of it while the app downloads. The
 * first formatter a page creates costs tens of milliseconds on a phone (over a hundred at
 * Lighthouse's 4× CPU), almost all of it the browser loading its number and date data; made inside
 * the hand-over, it lengthens the task that puts the app on screen, and made on the main thread
 * while the app downloads, it is a long task of its own in front of the first screen.
 *
 * So a worker makes them first (formatsWorker.ts), which loads that data off the main thread for
 * the whole page; then the main thread makes its own, each in a task of its own, now a few
 * milliseconds each, and the app's translator finds them made (src/core/i18n/translator.ts keeps
 * formatters per language). Where no worker can run (none in this browser, or a policy that blocks
 * it), the main thread makes them all the same.
 */
import type { Translator } from '../core/i18n/translator'
import { FIRST_FORMATS } from './firstFormats'

/** The part of a `Worker` used here. */
export interface FormatsWorker {
  postMessage(language: string): void
  terminate(): void
}

/** The worker, `settled` called once it answers or fails; null where none can start. */
function startFormatsWorker(settled: () => void): FormatsWorker | null {
  if (typeof Worker === 'undefined') return null
  try {
    const worker = new Worker(new URL('./formatsWorker.ts', import.meta.url), { type: 'module' })
    worker.onmessage = worker.onerror = settled
    return worker
  } catch {
    return null
  }
}

export interface WarmFormatsOptions {
  /** `setTimeout(…, 0)` on the page. */
  schedule?: (task: () => void) => void
  /** Starts the worker, which calls `settled` once when it has answered or failed; null where none can start. */
  startWorker?: (settled: () => void) => FormatsWorker | null
}

export function warmFormats(tr: Translator, { schedule = (task) => setTimeout(task, 0), startWorker = startFormatsWorker }: WarmFormatsOptions = {}): void {
  const next = (index: number): void => {
    const format = FIRST_FORMATS[index]
    if (!format) return
    schedule(() => {
      format(tr)
      next(index + 1)
    })
  }
  let settledOnce = false
  // Its answer, or its failure: either way the main thread goes on (a failed worker only saved nothing).
  const worker = startWorker(() => {
    if (settledOnce) return
    settledOnce = true
    worker?.terminate()
    next(0)
  })
  if (worker === null) return next(0)
  worker.postMessage(tr.language)
}
