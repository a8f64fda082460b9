/**
 * The `Intl` formats the app's first render uses, made ahead of it while the app downloads. The
 * first formatter of a kind costs tens of milliseconds on a phone (over a hundred at Lighthouse's
 * 4× CPU): made inside the hand-over, it lengthens the task that puts the app on screen. Made
 * here, each in a task of its own after the first screen is drawn, it runs while the main thread
 * waits for the network; the app's translator finds them made (src/core/i18n/translator.ts keeps
 * formatters per language).
 */
import type { Translator } from '../core/i18n/translator'

/** One format each: dollars, short durations ("every 5 sec"), "… ago". (Minutes come from the catalog, no format.) */
const FORMATS: ReadonlyArray<(tr: Translator) => unknown> = [(tr) => tr.usd(0), (tr) => tr.span(0), (tr) => tr.ago(0)]

/** Makes each format in a task of its own, one after the other; `schedule` is `setTimeout(…, 0)` on the page. */
export function warmFormats(tr: Translator, schedule: (task: () => void) => void = (task) => setTimeout(task, 0)): void {
  const next = (index: number): void => {
    const format = FORMATS[index]
    if (!format) return
    schedule(() => {
      format(tr)
      next(index + 1)
    })
  }
  next(0)
}
