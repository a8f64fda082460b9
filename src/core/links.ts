/**
 * Where the page sends the payer next, fixed at build time: the onboarding page ("Start again", the
 * no-channel page), the next step after a completed payment, and support on failure screens. Only
 * absolute https URLs are accepted; anything else falls back to the default (or to no link).
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
  /** Support, shown on failure screens; null shows no link. @default null */
  supportUrl: string | null
}

export const DEFAULT_START_URL = 'https://vue.dlux.io/qr'
export const DEFAULT_CONTINUE_URL = 'https://vue.dlux.io/'

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

export function readLinks(env: LinkEnv): PageLinks {
  return {
    startUrl: httpsUrl(env.VITE_START_URL) ?? DEFAULT_START_URL,
    continueUrl: httpsUrl(env.VITE_CONTINUE_URL) ?? DEFAULT_CONTINUE_URL,
    supportUrl: httpsUrl(env.VITE_SUPPORT_URL),
  }
}

/** The links of this build. */
export function buildLinks(): PageLinks {
  return readLinks(import.meta.env as LinkEnv)
}
