/**
 * The `Intl` formats the app's first render uses, made ahead of it while the app downloads. The
 * first formatter a page creates costs tens of milliseconds on a phone (over a hundred at
 * Lighthouse's 4× CPU), almost all of it the browser loading its number and date data; made inside
 * the hand-over, it lengthens a task that puts the app on screen, and made on the main thread
 * while the app downloads, it is a long task of its own in front of the first screen.
 *
 * So a worker makes them first (formatsWorker.ts), as soon as the entry knows the page's language,
 * which loads that data off the main thread for the whole page; then, once the first screen is
 * painted and the worker is done, the main thread makes its own, each in a task of its own, now a
 * few milliseconds each, and the app's translator finds them made (src/core/i18n/translator.ts
 * keeps formatters per language). Where no worker can run (none in this browser, or a policy that
 * blocks it), the main thread makes them all the same.
 */
import type { Translator } from '../core/i18n/translator'
import type { Language } from '../core/i18n/languages'
import { FIRST_FORMATS } from './firstFormats'

/** The part of a `Worker` used here. */
export interface FormatsWorker {
  postMessage(language: string): void
  terminate(): void
}

/** The worker, `settled` called when it answers or fails; null where none can start. */
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

/**
 * Has a worker make the first formats in `language`; resolves once it has (or has failed, or
 * none could start: then there was nothing to wait for).
 */
export function loadFormatsOffThread(language: Language, startWorker: (settled: () => void) => FormatsWorker | null = startFormatsWorker): Promise<void> {
  return new Promise((resolve) => {
    const worker = startWorker(() => {
      worker?.terminate()
      resolve()
    })
    if (worker === null) return resolve()
    worker.postMessage(language)
  })
}

/** Makes the first formats on the main thread, each in a task of its own; `schedule` is `setTimeout(…, 0)` on the page. */
export function warmFormats(tr: Translator, schedule: (task: () => void) => void = (task) => setTimeout(task, 0)): void {
  const next = (index: number): void => {
    const format = FIRST_FORMATS[index]
    if (!format) return
    schedule(() => {
      format(tr)
      next(index + 1)
    })
  }
  next(0)
}
