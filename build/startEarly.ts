/**
 * Lets the browser start the first status request, the first socket and the app download as
 * early as it can (see src/boot/entry.ts): `<link rel="preconnect">` to the API and socket origins
 * (cross-origin in production, so DNS, TCP and TLS are done before the entry asks), and
 * `modulepreload` for the app chunk the entry imports, so it downloads alongside the entry instead
 * of after it. Build only: in `vite dev` everything is on the page's own origin.
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
  let base = '/'
  return {
    name: 'dlux-start-early',
    apply: 'build',
    configResolved(config) {
      base = config.base
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const tags = preconnectTags(env)
        const entry = ctx.chunk
        if (!ctx.bundle || !entry) return tags
        // The entry's dynamic import is the app; the app's static imports (the Vue chunk) too.
        const preload = new Set<string>()
        const styles = new Set<string>()
        for (const file of entry.dynamicImports) {
          const chunk = ctx.bundle[file]
          if (chunk?.type !== 'chunk') continue
          preload.add(file)
          for (const dep of chunk.imports) if (dep !== entry.fileName) preload.add(dep)
          for (const css of chunk.viteMetadata?.importedCss ?? []) styles.add(css)
        }
        for (const file of preload) tags.push({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: '', href: base + file }, injectTo: 'head' })
        for (const file of styles) tags.push({ tag: 'link', attrs: { rel: 'preload', as: 'style', crossorigin: '', href: base + file }, injectTo: 'head' })
        return tags
      },
    },
  }
}
