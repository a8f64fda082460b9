/**
 * Which language the page opens in: `?lang=` first (a tag the page does not speak, or a malformed
 * one, counts as absent), then the choice made in the picker earlier in this tab, then the first
 * of the browser's languages the page speaks, else English.
 */
import { SOURCE_LANGUAGE, matchLanguage, type Language } from './languages'

/** The page input that picks a language (docs/operations.md). */
export const LANGUAGE_PARAM = 'lang'

/** Where the picker's choice is kept for the tab (sessionStorage). */
export const LANGUAGE_MEMORY_KEY = 'dlux-payment-language'

export interface LanguageSources {
  /** `location.search`. */
  search: string
  /** What the tab remembers from the picker, or null. */
  remembered: string | null
  /** `navigator.languages`, most preferred first. */
  preferred: readonly string[]
}

/** @example chooseLanguage({ search: '?lang=de', remembered: null, preferred: ['en-US'] }) // 'de' */
export function chooseLanguage(sources: LanguageSources): Language {
  const asked = matchLanguage(new URLSearchParams(sources.search).get(LANGUAGE_PARAM))
  if (asked) return asked
  const remembered = matchLanguage(sources.remembered)
  if (remembered) return remembered
  for (const tag of sources.preferred) {
    const spoken = matchLanguage(tag)
    if (spoken) return spoken
  }
  return SOURCE_LANGUAGE
}

/** Storage as the page uses it; any of it may throw (storage disabled). */
export interface LanguageStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
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
