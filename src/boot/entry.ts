/**
 * The page's entry, before any framework. When the starter (starter.ts, inline in index.html) has
 * started the first status request and socket for a valid `?channelId=`, the entry draws the first
 * screen as soon as the first status is in (firstScreen.ts), and then runs the app, which adopts
 * the request and the socket (src/core/prestart/handoff.ts) and takes the screen over (src/main.ts). Otherwise (no
 * valid channel, or no starter) it runs the app at once, which does everything itself.
 *
 * The app (its chunks, Vue's and their styles, fetched together) is imported once the first screen
 * is drawn, or after `APP_WAIT_MS` without a status: nothing of it shares a phone's link with the
 * first screen, and evaluating the framework never delays drawing it.
 *
 * The entry also shows the page's language, as the starter read it (src/core/i18n/openingLanguage.ts),
 * and imports its first-screen words, which the starter has already asked for alongside the entry
 * (firstWordsPreload.ts), so the first screen is drawn in the payer's language without a round trip
 * of its own for the words.
 */
import '../assets/main.css'
import '../assets/firstScreen.css'
import { isEmbedded } from '../core/embedded'
import { FIRST_SCREEN_ATTRIBUTE, firstScreen } from './firstScreen'
import { readFirstStatus, type CopyableAnswer } from './firstStatus'
import { prestarted } from '../core/prestart/prestart'
import { HANDOVER_MARKS } from './handoverMarks'
import { loadFormatsOffThread, warmFormats } from './warmFormats'
import { activeTranslator, onLanguageChange, showLanguage } from '../core/i18n/activeLanguage'
import { starterLanguage } from './starterLanguage'
import type { Language } from '../core/i18n/languages'
import { loadCatalog } from '../core/i18n/loadCatalog'

/** Longest the app waits for the first status before it runs anyway (and draws everything itself). */
export const APP_WAIT_MS = 1000

// `<html lang>` and `dir` always name the language shown, from the first screen to every later switch.
onLanguageChange((tr) => {
  document.documentElement.lang = tr.language
  document.documentElement.dir = tr.direction
})
// The language the starter read. Where it did not run (a policy that blocks inline scripts) nothing
// was pre-started either: there is no first screen to draw, and the app reads the language itself.
const language = starterLanguage()
// True once the first screen's words are in; without them (a dropped link) the app draws the page.
const firstWords =
  language === null
    ? Promise.resolve(false)
    : showLanguage(language, ['first']).then(
        (tr) => {
          document.title = tr.t('page.title')
          return true
        },
        () => false,
      )

/**
 * Resolves once the frame that shows what was just drawn is painted (a task after the next
 * animation frame), so the app's chunks, fetched and compiled from then on, never hold the first
 * screen's first frame. A hidden tab paints nothing: there the app starts on `APP_WAIT_MS`.
 */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
}

/** Set once the app is on its way: from then on the app draws the page, not the entry. */
let appStarted = false
function startApp(): void {
  if (!appStarted) {
    performance.mark(HANDOVER_MARKS.appStart)
    // The app's words, fetched alongside the app rather than after it.
    if (language !== null) loadCatalog(language, 'page').catch(() => undefined)
  }
  appStarted = true
  // A second call imports the same module: the app runs once.
  void import('../main')
}

const root = document.getElementById('app')
const { request, page } = prestarted
if (request && page && root) {
  // The app's first formats, made by a worker while the page loads (warmFormats.ts): resolves once made.
  const formatsOffThread = language === null ? Promise.resolve() : loadFormatsOffThread(language)
  void Promise.all([readFirstStatus(request.response as Promise<CopyableAnswer>, page.channelId), firstWords])
    .then(([status, words]) => {
      if (status === null || !words || appStarted) return
      const input = { status, receivedAt: Date.now(), pollIntervalMs: page.pollIntervalMs, online: navigator.onLine, embedded: isEmbedded(window) }
      const draw = (): void => {
        root.replaceChildren(firstScreen(document, { ...input, translator: activeTranslator(), pickLanguage: pick }))
      }
      // The app follows the same switch (it listens to the active language); until it takes the
      // screen over, the first screen redraws itself in the new language.
      const pick = (picked: Language): void => {
        // The picker's code comes on first use (a pick in the first second is rare; the app is on its way).
        void import('../core/i18n/pickLanguage').then((m) => m.pickLanguage(picked)).then(() => {
          if (!root.isConnected) return
          draw()
          // The redrawn picker takes the focus back: a keyboard user stays where they were.
          root.querySelector<HTMLSelectElement>('[data-testid="language-picker"]')?.focus()
        }, () => undefined)
      }
      draw()
      root.setAttribute(FIRST_SCREEN_ATTRIBUTE, '')
      // Once the first screen is painted: the app, and the formats it needs first on this thread
      // once the worker has loaded their data.
      return afterPaint().then(() => {
        startApp()
        void formatsOffThread.then(() => warmFormats(activeTranslator()))
      })
    })
    .finally(startApp)
  setTimeout(startApp, APP_WAIT_MS)
} else {
  startApp()
}
