/**
 * Embedding: when the page runs in an iframe, tell the parent page about every status change with
 * `postMessage`, but only ever to origins fixed at build time.
 *
 * Picking the target origin: `postMessage` takes one target origin and the browser delivers only
 * when it matches the parent's real origin, so safety comes from never using an origin outside the
 * build-time allow-list. Within that list we narrow down when the browser tells us who the parent
 * is, to avoid a console error per non-matching origin on every update:
 * 1. `location.ancestorOrigins[0]` (Chromium, Safari) is the parent's origin, set by the browser;
 *    when it is there it is authoritative: post to it if allowed, else to nobody.
 * 2. Otherwise (Firefox) `document.referrer` of a framed page is normally the parent's URL; if its
 *    origin is allowed, post there. The referrer may be stripped or stale, so it only narrows.
 * 3. Otherwise post once to each allowed origin; the browser drops those that don't match.
 */
import { embedParentOrigins, normalizeOrigin } from './config'
import { isEmbedded } from './embedded'

/** What the parent receives. `type` lets a parent that listens to several frames tell ours apart. */
export interface EmbedStatusMessage {
  type: 'dlux-payment-status'
  channelId: string
  /** A status code (see docs/protocol.md), or `not_found`. */
  status: string
  /** A whole percent 0..100, or null when there is no sane number to send. */
  progress: number | null
}

/**
 * The allowed parent origins of this build, from `VITE_EMBED_PARENT_ORIGINS` (comma separated) or
 * the defaults: the same list the CSP's `frame-ancestors` is built from (`embedParentOrigins`).
 */
export function parentOrigins(raw: string | undefined): string[] {
  return embedParentOrigins({ VITE_EMBED_PARENT_ORIGINS: raw })
}

/**
 * The status model keeps progress in range already; this is the last gate before another site's
 * code sees it, so a NaN can never leave the page. Rounded like the bar the payer sees.
 */
export function saneProgress(progress: number | null): number | null {
  if (progress === null || !Number.isFinite(progress)) return null
  return Math.round(Math.min(100, Math.max(0, progress)))
}

/** The bits of `window` this module needs; tests pass fakes. */
export interface EmbedWindow {
  parent: { postMessage(message: unknown, targetOrigin: string): void } | null
  location?: { ancestorOrigins?: ArrayLike<string> | null }
  document?: { referrer?: string }
}

/** Target origins to post to, from the allow-list and what the browser says about the parent. */
export function targetOrigins(win: EmbedWindow, allowed: readonly string[]): string[] {
  const ancestors = win.location?.ancestorOrigins
  if (ancestors && ancestors.length > 0) {
    const parent = normalizeOrigin(ancestors[0] ?? '')
    return parent !== null && allowed.includes(parent) ? [parent] : []
  }
  const fromReferrer = normalizeOrigin(win.document?.referrer ?? '')
  if (fromReferrer !== null && allowed.includes(fromReferrer)) return [fromReferrer]
  return [...allowed]
}

export interface EmbedNotifier {
  /** Posts when the status (code or progress) differs from the last one posted. */
  notify(message: Omit<EmbedStatusMessage, 'type'>): void
}

/** A notifier that does nothing outside an iframe. */
export function createEmbedNotifier(win: EmbedWindow, allowed: readonly string[]): EmbedNotifier {
  let last = ''
  return {
    notify({ channelId, status, progress: rawProgress }) {
      if (!isEmbedded(win)) return
      const progress = saneProgress(rawProgress)
      const key = `${channelId}|${status}|${progress ?? ''}`
      if (key === last) return
      last = key
      const message: EmbedStatusMessage = { type: 'dlux-payment-status', channelId, status, progress }
      for (const origin of targetOrigins(win, allowed)) {
        try {
          win.parent?.postMessage(message, origin)
        } catch {
          // A detached or sandboxed parent may throw; the page itself must keep working.
        }
      }
    },
  }
}
