/**
 * The page's Content-Security-Policy, built from the same configuration as the app: `connect-src`
 * from the endpoints this build talks to, `frame-ancestors` from the sites it posts its status to.
 *
 * The built `index.html` carries the policy in a `<meta>` (build only: the dev server injects styles
 * at run time, which a strict policy would block). `frame-ancestors` cannot be set from a meta tag,
 * so the server must send the header form (`contentSecurityPolicyHeader`); the shipped deploy
 * configs carry exactly that policy, and a unit test keeps them equal.
 */
import type { Plugin } from 'vite'
import { embedParentOrigins, resolveConfig, type ConfigEnv } from '../src/core/config.js'

function policy(env: ConfigEnv, framing: readonly string[]): string {
  const { wsUrl, apiUrl } = resolveConfig({ ...env, DEV: false })
  const connect = new Set(["'self'", new URL(wsUrl).origin, new URL(apiUrl).origin])
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${[...connect].join(' ')}`,
    ...framing,
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ')
}

/** The policy for the `<meta>` tag of the built page. */
export function contentSecurityPolicy(env: ConfigEnv): string {
  return policy(env, [])
}

/** Who may frame the page: exactly the origins the page posts its status to (`embed.ts`). */
export function frameAncestors(env: ConfigEnv): string {
  return `frame-ancestors ${embedParentOrigins(env).join(' ')}`
}

/** The policy a server sends as a header: the meta policy plus `frame-ancestors`. */
export function contentSecurityPolicyHeader(env: ConfigEnv): string {
  return policy(env, [frameAncestors(env)])
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
