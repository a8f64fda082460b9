/**
 * Which language the page opens in: `?lang=` first (a tag the page does not speak, or a malformed
 * one, counts as absent), then the choice made in the picker earlier in this tab, then the first
 * of the browser's languages the page speaks, else English. The starter reads it once, before any
 * file has loaded, and hands it to the entry (src/boot/firstWordsPreload.ts).
 */
import { LANGUAGE_PARAM, rememberedLanguage, tabStorage } from './languageChoice'
import { SOURCE_LANGUAGE, matchLanguage, type Language } from './languages'

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

/** The language this page opens in, from its address, the tab's memory and the browser. */
export function openingLanguage(): Language {
  return chooseLanguage({
    search: location.search,
    remembered: rememberedLanguage(tabStorage()),
    preferred: navigator.languages ?? [navigator.language],
  })
}
