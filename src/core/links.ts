/**
 * Where the page sends the payer next, fixed at build time: the onboarding page ("Start again", the
 * no-channel page), the next step after a completed payment, and support on every dead end. Start
 * and continue take absolute https URLs only; anything else falls back to the default. The support
 * URL defaults to DLUX's community chat, an empty value hides the link, and anything that is not
 * https (or http on localhost) fails the build (`supportUrlFor`, checked by build/checkLinks.ts).
 */

export interface LinkEnv {
  VITE_START_URL?: string
  VITE_CONTINUE_URL?: string
  VITE_SUPPORT_URL?: string
}

export interface PageLinks {
  /** Where a new payment starts. @default https://vue.dlux.io/qr */
  startUrl: string
  /** The next step after the account is created. @default https://vue.dlux.io/ */
  continueUrl: string
  /** Support, shown on every dead end; null (`VITE_SUPPORT_URL=`) shows no link. @default https://discord.gg/Beeb38j */
  supportUrl: string | null
}

export const DEFAULT_START_URL = 'https://vue.dlux.io/qr'
export const DEFAULT_CONTINUE_URL = 'https://vue.dlux.io/'
/** DLUX's community chat, where payers get help. */
export const DEFAULT_SUPPORT_URL = 'https://discord.gg/Beeb38j'

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/** The URL, normalised, if it is an absolute https URL without credentials; else null. */
export function httpsUrl(raw: string | undefined): string | null {
  if (raw === undefined || raw.trim() === '') return null
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    return null
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') return null
  return url.href
}

/**
 * The support link of a build: unset, the default; empty (or blank), none; else an absolute https
 * URL (http only on localhost, for a local test), without credentials. Anything else throws, so a
 * build with a support link payers could not use (or a `javascript:` one) never ships.
 */
export function supportUrlFor(raw: string | undefined): string | null {
  if (raw === undefined) return DEFAULT_SUPPORT_URL
  const text = raw.trim()
  if (text === '') return null
  let url: URL | null = null
  try {
    url = new URL(text)
  } catch {
    url = null
  }
  const local = url !== null && url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname)
  if (url === null || (url.protocol !== 'https:' && !local) || url.username !== '' || url.password !== '') {
    throw new Error(
      `VITE_SUPPORT_URL must be an absolute https: URL (http: only on localhost), or empty for no support link; got ${JSON.stringify(raw)}`,
    )
  }
  return url.href
}

export function readLinks(env: LinkEnv): PageLinks {
  return {
    startUrl: httpsUrl(env.VITE_START_URL) ?? DEFAULT_START_URL,
    continueUrl: httpsUrl(env.VITE_CONTINUE_URL) ?? DEFAULT_CONTINUE_URL,
    supportUrl: supportUrlFor(env.VITE_SUPPORT_URL),
  }
}

/** The links of this build. */
export function buildLinks(): PageLinks {
  return readLinks(import.meta.env as LinkEnv)
}
