/**
 * The first requests, started as early as the page can: the built index.html runs this from a
 * script inline in the HTML (build/inlineStarter.ts, src/boot/inlineStarter.ts), as soon as the
 * HTML is parsed and before any file has downloaded, which on a phone saves a whole round trip
 * before the first status; the dev server runs the same module as the page's first script. It
 * leaves what it started on the page's global object, for the entry (which draws the first screen
 * from it) and the app (which adopts it). It also asks for the first screen's words in the page's
 * language (firstWordsPreload.ts). Where it did not run (a server policy that blocks inline
 * scripts), nothing is lost: the app starts its own requests. Kept tiny: it is part of the HTML,
 * and the CSP names its hash.
 */
import { buildStartConfig } from '../core/config'
import { checkChannelId } from '../core/protocol/channelId'
import { statusPath } from '../core/protocol/messages'
import type { FetchLike, WebSocketLike } from '../core/transports/transport'
import { PRESTARTED_GLOBAL, prestart, type Prestarted } from '../core/prestart/prestart'
import { SOCKET_MEMORY_KEYS } from '../core/machine/socketMemory'
import { preloadFirstWords } from './firstWordsPreload'

/**
 * The valid channel ID in a query string, or null: the same reading as the page's
 * (src/composables/useChannelIdParam.ts). No channel or an invalid one means no request at all.
 */
export function channelIdIn(search: string): string | null {
  const raw = new URLSearchParams(search).get('channelId')
  const check = raw === null || raw.trim() === '' ? null : checkChannelId(raw)
  return check?.ok ? check.channelId : null
}

/**
 * The socket failed in this tab before and never proved healthy since (the tab memory the app keeps,
 * src/core/machine/socketMemory.ts): the app starts on polling, so the starter opens no socket.
 */
function socketFailedInThisTab(): boolean {
  try {
    return sessionStorage.getItem(SOCKET_MEMORY_KEYS.failed) !== null
  } catch {
    return false // storage disabled: as on a first visit
  }
}

/** Starts the socket (unless it failed in this tab) and the status request for the channel, into `into`. */
export function startFirstRequests(channelId: string, into: Prestarted): void {
  const config = buildStartConfig()
  into.page = { channelId, pollIntervalMs: config.pollIntervalMs }
  prestart(
    socketFailedInThisTab() ? null : config.wsUrl,
    config.apiUrl + statusPath(channelId),
    {
      createSocket: (url) => new WebSocket(url) as unknown as WebSocketLike,
      fetch: fetch.bind(globalThis) as unknown as FetchLike,
      now: () => performance.now(),
      setTimeout: (callback, ms) => setTimeout(callback, ms),
    },
    into,
  )
}

/** What the inline script does: start, and leave the result where `prestarted` (src/core/prestart/prestart.ts) finds it. */
export function runStarter(): void {
  preloadFirstWords(document)
  const channelId = channelIdIn(location.search)
  if (channelId === null) return
  const into: Prestarted = { socket: null, request: null }
  startFirstRequests(channelId, into)
  ;(globalThis as Record<string, unknown>)[PRESTARTED_GLOBAL] = into
}
