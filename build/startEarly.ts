/**
 * Lets the browser start the first status request and the first socket as early as it can (see
 * src/boot/entry.ts): `<link rel="preconnect">` to the API and socket origins (cross-origin in
 * production, so DNS, TCP and TLS are done before the entry asks). Build only: in `vite dev`
 * everything is on the page's own origin.
 *
 * The app's chunks are deliberately not preloaded from index.html: on a slow phone link they would
 * share the bandwidth with the entry and the status request, which the first screen waits for.
 * The entry imports the app once the first screen is drawn, and Vite's preload helper then fetches
 * the app's chunks in parallel (`build.modulePreload` in vite.config.ts).
 */
import type { HtmlTagDescriptor, Plugin } from 'vite'
import { resolveConfig, type ConfigEnv } from '../src/core/config.js'

/** The http(s) origins to preconnect to; the socket's handshake is an HTTP request to the same host. */
export function preconnectOrigins(env: ConfigEnv): { api: string; socket: string } {
  const { wsUrl, apiUrl } = resolveConfig({ ...env, DEV: false })
  const socket = new URL(wsUrl)
  socket.protocol = socket.protocol === 'wss:' ? 'https:' : 'http:'
  return { api: new URL(apiUrl).origin, socket: socket.origin }
}

/**
 * `fetch` without credentials runs on a connection of its own (the "anonymous" pool, hence
 * `crossorigin`); the socket handshake carries credentials and uses the other pool.
 */
export function preconnectTags(env: ConfigEnv): HtmlTagDescriptor[] {
  const { api, socket } = preconnectOrigins(env)
  return [
    { tag: 'link', attrs: { rel: 'preconnect', href: api, crossorigin: '' }, injectTo: 'head' },
    { tag: 'link', attrs: { rel: 'preconnect', href: socket }, injectTo: 'head' },
  ]
}

export function startEarlyPlugin(env: ConfigEnv): Plugin {
  return {
    name: 'dlux-start-early',
    apply: 'build',
    transformIndexHtml: { order: 'post', handler: () => preconnectTags(env) },
  }
}
