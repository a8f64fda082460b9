/**
 * Adds a strict Content-Security-Policy `<meta>` to the built `index.html`, with `connect-src`
 * limited to the endpoints this build talks to. Build only: the dev server injects styles at run
 * time, which a strict policy would block. `frame-ancestors` cannot be set from a meta tag; the
 * deploy configs send it as a header.
 */
import type { Plugin } from 'vite'
import { resolveConfig, type ConfigEnv } from '../src/core/config.js'

export function contentSecurityPolicy(env: ConfigEnv): string {
  const { wsUrl, apiUrl } = resolveConfig({ ...env, DEV: false })
  const connect = new Set(["'self'", new URL(wsUrl).origin, new URL(apiUrl).origin])
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${[...connect].join(' ')}`,
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ')
}

export function contentSecurityPolicyPlugin(env: ConfigEnv): Plugin {
  return {
    name: 'dlux-content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy(env) }, injectTo: 'head-prepend' },
    ],
  }
}
