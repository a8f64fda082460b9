/**
 * The page's entry, before any framework: when `?channelId=` holds a valid ID it starts the first
 * status request and the first socket at once, then loads the app, which adopts both (handoff.ts).
 * Network and app download overlap instead of following each other.
 */
import '../assets/main.css'
import { buildConfig } from '../core/config'
import { checkChannelId } from '../core/protocol/channelId'
import { API_PATHS } from '../core/protocol/messages'
import type { FetchLike, WebSocketLike } from '../core/transports/transport'
import { prestart } from './prestart'

// The same reading as the page's (src/pages/PaymentMonitorPage.vue): no channel or an invalid one
// means no request at all.
const raw = new URLSearchParams(location.search).get('channelId')
const check = raw === null || raw.trim() === '' ? null : checkChannelId(raw)
if (check?.ok) {
  const { wsUrl, apiUrl } = buildConfig()
  prestart(wsUrl, apiUrl + API_PATHS.status(check.channelId), {
    createSocket: (url) => new WebSocket(url) as unknown as WebSocketLike,
    fetch: fetch.bind(globalThis) as unknown as FetchLike,
    now: () => performance.now(),
    setTimeout: (callback, ms) => setTimeout(callback, ms),
  })
}

void import('../main')
