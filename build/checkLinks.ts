/**
 * Fails the build (and the dev server) on a page link payers could not use: `VITE_SUPPORT_URL`
 * must be an absolute https: URL (http: only on localhost), or empty for no support link. The same
 * rule the page reads the link with (src/core/links.ts), so what passes here is what the page shows.
 */
import type { Plugin } from 'vite'
import { supportUrlFor, type LinkEnv } from '../src/core/links.js'

/** Throws with the variable's name and the rule when a link setting is unusable. */
export function checkLinks(env: LinkEnv): void {
  supportUrlFor(env.VITE_SUPPORT_URL)
}

export function checkLinksPlugin(env: LinkEnv): Plugin {
  return {
    name: 'dlux-check-links',
    config() {
      checkLinks(env)
    },
  }
}
