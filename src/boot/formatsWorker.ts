/**
 * A worker that makes the app's first formats (warmFormats.ts) in the language it is sent, and
 * answers once they are made. What it saves the page is not its formatter objects, which stay in
 * the worker, but the browser's number and date data: the first `Intl` formatter of a page loads
 * it (100 ms and more at Lighthouse's 4× CPU, on whichever thread asks first), and the browser
 * keeps it for every thread of the page. Made here, the main thread's own formats then take a few
 * milliseconds.
 */
import { createTranslator } from '../core/i18n/translator'
import { LANGUAGES, type Language } from '../core/i18n/languages'
import { FIRST_FORMATS } from './firstFormats'

const worker = globalThis as unknown as {
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void
  postMessage(message: unknown): void
}

worker.addEventListener('message', ({ data }) => {
  if (LANGUAGES.includes(data as Language)) {
    const translator = createTranslator(data as Language, {})
    for (const format of FIRST_FORMATS) format(translator)
  }
  worker.postMessage(data)
})
