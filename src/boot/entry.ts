/**
 * The page's entry, before any framework: when `?channelId=` holds a valid ID it starts the first
 * status request and the first socket at once (prestart.ts), draws the first screen as soon as the
 * first status is in (firstScreen.ts), and then runs the app, which adopts the request and the
 * socket (handoff.ts) and takes the screen over (src/main.ts).
 *
 * The app's chunks download alongside (index.html preloads them); only running them waits for the
 * first status, for at most `APP_WAIT_MS`, so that evaluating the framework never delays drawing it.
 */
import '../assets/main.css'
import '../assets/firstScreen.css'
import { buildConfig } from '../core/config'
import { isEmbedded } from '../core/embed'
import { checkChannelId } from '../core/protocol/channelId'
import { API_PATHS } from '../core/protocol/messages'
import type { FetchLike, WebSocketLike } from '../core/transports/transport'
import { FIRST_SCREEN_ATTRIBUTE, firstScreen } from './firstScreen'
import { readFirstStatus, type CopyableAnswer } from './firstStatus'
import { prestart, prestarted } from './prestart'

/** Longest the app waits for the first status before it runs anyway (and draws everything itself). */
export const APP_WAIT_MS = 1000

let appStarted = false
function startApp(): void {
  if (appStarted) return
  appStarted = true
  void import('../main')
}

// The same reading as the page's (src/composables/useChannelIdParam.ts): no channel or an invalid
// one means no request at all.
const raw = new URLSearchParams(location.search).get('channelId')
const check = raw === null || raw.trim() === '' ? null : checkChannelId(raw)
const root = document.getElementById('app')
if (check?.ok && root) {
  const config = buildConfig()
  prestart(config.wsUrl, config.apiUrl + API_PATHS.status(check.channelId), {
    createSocket: (url) => new WebSocket(url) as unknown as WebSocketLike,
    fetch: fetch.bind(globalThis) as unknown as FetchLike,
    now: () => performance.now(),
    setTimeout: (callback, ms) => setTimeout(callback, ms),
  })
  const request = prestarted.request
  const first = request ? readFirstStatus(request.response as Promise<CopyableAnswer>, check.channelId) : Promise.resolve(null)
  void first
    .then((status) => {
      if (status === null || appStarted) return
      root.replaceChildren(
        firstScreen(document, {
          status,
          receivedAt: Date.now(),
          pollIntervalMs: config.pollIntervalMs,
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
