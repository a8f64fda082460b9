/**
 * The page input and the tab memory that choose the page's language (openingLanguage.ts reads
 * them), and what the picker writes to them.
 */
import type { Language } from './languages'

/** The page input that picks a language (docs/operations.md). */
export const LANGUAGE_PARAM = 'lang'

/** Where the picker's choice is kept for the tab (sessionStorage). */
export const LANGUAGE_MEMORY_KEY = 'dlux-payment-language'

/** Storage as the page uses it; any of it may throw (storage disabled). */
export interface LanguageStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

/** The tab's sessionStorage, or null where storage is disabled (reading the property itself throws). */
export function tabStorage(): Storage | null {
  try {
    return sessionStorage
  } catch {
    return null
  }
}

export function rememberedLanguage(storage: LanguageStorage | null): string | null {
  try {
    return storage?.getItem(LANGUAGE_MEMORY_KEY) ?? null
  } catch {
    return null // storage disabled: as on a first visit
  }
}

export function rememberLanguage(storage: LanguageStorage | null, language: Language): void {
  try {
    storage?.setItem(LANGUAGE_MEMORY_KEY, language)
  } catch {
    // Storage disabled: the choice holds until the page is left, which is all it can do.
  }
}

/**
 * The address to show after the payer picks `language`, or null to leave it: a link that carried
 * `?lang=` would otherwise bring the old language back at the next reload.
 */
export function addressWithLanguage(href: string, language: Language): string | null {
  const url = new URL(href)
  if (!url.searchParams.has(LANGUAGE_PARAM) || url.searchParams.get(LANGUAGE_PARAM) === language) return null
  url.searchParams.set(LANGUAGE_PARAM, language)
  return url.toString()
}
