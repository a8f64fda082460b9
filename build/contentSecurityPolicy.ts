/**
 * The page's Content-Security-Policy, built from the same configuration as the app: `connect-src`
 * from the endpoints this build talks to, `frame-ancestors` from the sites it posts its status to,
 * and `script-src` naming, besides the page's own files, the hash of the one inline script the
 * build writes (the starter, build/inlineStarter.ts), and no other inline script.
 *
 * The built `index.html` carries the policy in a `<meta>` (build only: the dev server injects styles
 * at run time, which a strict policy would block). A server must send what a meta tag cannot
 * (`frame-ancestors`) as a header (`contentSecurityPolicyHeader`); the shipped deploy configs carry
 * exactly that policy, and a unit test keeps them equal. The header leaves the script rules
 * (`script-src`, and `default-src`, which scripts fall back to) to the meta tag: they name the
 * build's starter hash, which a server config written once cannot know. Both policies apply, so
 * the page gets the strict script rules of the meta and everything else from both.
 */
import type { Plugin } from 'vite'
import { embedParentOrigins, resolveConfig, type ConfigEnv } from '../src/core/config.js'

/** The directives scripts are governed by: the meta tag's alone. */
const SCRIPT_DIRECTIVES = ['default-src', 'script-src']

function policy(env: ConfigEnv, framing: readonly string[], scriptSources: readonly string[]): string[] {
  const { wsUrl, apiUrl } = resolveConfig({ ...env, DEV: false })
  const connect = new Set(["'self'", new URL(wsUrl).origin, new URL(apiUrl).origin])
  return [
    "default-src 'self'",
    ["script-src 'self'", ...scriptSources].join(' '),
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${[...connect].join(' ')}`,
    ...framing,
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ]
}

/** The policy for the `<meta>` tag of the built page; `scriptSources`: hashes of its inline scripts. */
export function contentSecurityPolicy(env: ConfigEnv, scriptSources: readonly string[] = []): string {
  return policy(env, [], scriptSources).join('; ')
}

/** Who may frame the page: exactly the origins the page posts its status to (`embed.ts`). */
export function frameAncestors(env: ConfigEnv): string {
  return `frame-ancestors ${embedParentOrigins(env).join(' ')}`
}

/** The policy a server sends as a header: the meta policy's other directives plus `frame-ancestors`. */
export function contentSecurityPolicyHeader(env: ConfigEnv): string {
  return policy(env, [frameAncestors(env)], [])
    .filter((directive) => !SCRIPT_DIRECTIVES.includes(directive.split(' ')[0] ?? ''))
    .join('; ')
}

export function contentSecurityPolicyPlugin(env: ConfigEnv, scriptSources: () => readonly string[] = () => []): Plugin {
  return {
    name: 'dlux-content-security-policy',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy(env, scriptSources()) }, injectTo: 'head-prepend' },
      ],
    },
  }
}
