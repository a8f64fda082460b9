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
 */
import '../assets/main.css'
import '../assets/firstScreen.css'
import { isEmbedded } from '../core/embedded'
import { FIRST_SCREEN_ATTRIBUTE, firstScreen } from './firstScreen'
import { readFirstStatus, type CopyableAnswer } from './firstStatus'
import { prestarted } from '../core/prestart/prestart'
import { HANDOVER_MARKS } from './handoverMarks'

/** Longest the app waits for the first status before it runs anyway (and draws everything itself). */
export const APP_WAIT_MS = 1000

/** Set once the app is on its way: from then on the app draws the page, not the entry. */
let appStarted = false
function startApp(): void {
  if (!appStarted) performance.mark(HANDOVER_MARKS.appStart)
  appStarted = true
  // A second call imports the same module: the app runs once.
  void import('../main')
}

const root = document.getElementById('app')
const { request, page } = prestarted
if (request && page && root) {
  void readFirstStatus(request.response as Promise<CopyableAnswer>, page.channelId)
    .then((status) => {
      if (status === null || appStarted) return
      root.replaceChildren(
        firstScreen(document, {
          status,
          receivedAt: Date.now(),
          pollIntervalMs: page.pollIntervalMs,
          online: navigator.onLine,
          embedded: isEmbedded(window),
        }),
      )
      root.setAttribute(FIRST_SCREEN_ATTRIBUTE, '')
    })
    .finally(startApp)
  setTimeout(startApp, APP_WAIT_MS)
} else {
  startApp()
}
