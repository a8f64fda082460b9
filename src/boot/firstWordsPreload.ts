/**
 * The first screen's words in the payer's language, fetched alongside the entry instead of after
 * it: the built index.html names each language's first-screen chunk as JSON in a `<meta>` (the build knows
 * their hashed names, build/firstWordsMeta.ts); the starter reads the page's language and asks for
 * that one chunk with `<link rel="modulepreload">`. It leaves the language on the page's global
 * object for the entry, which imports the same chunk, finds it fetched, and so draws the first
 * screen without a round trip of its own for the words.
 */
import { openingLanguage } from '../core/i18n/openingLanguage'
import type { Language } from '../core/i18n/languages'
import { STARTER_LANGUAGE_GLOBAL } from './starterLanguage'
import { FIRST_WORDS_META } from './firstWordsMetaName'

/** The chunk URL of `language`'s first-screen words the page names, or null (no meta, malformed, not named). */
export function firstWordsUrl(meta: string | null | undefined, language: Language): string | null {
  try {
    // Whatever the JSON is (an object, null, a string, a number), only a string under the language is a URL.
    const url: unknown = (JSON.parse(meta ?? '') as Record<string, unknown> | null)?.[language]
    return typeof url === 'string' ? url : null
  } catch {
    return null // no meta, or not JSON
  }
}

/** Reads the page's language, leaves it for the entry, and starts fetching its first-screen words if the page names their chunk. */
export function preloadFirstWords(doc: Document, into: Record<string, unknown> = globalThis as Record<string, unknown>): void {
  const language = openingLanguage()
  into[STARTER_LANGUAGE_GLOBAL] = language
  const url = firstWordsUrl(doc.querySelector<HTMLMetaElement>(`meta[name="${FIRST_WORDS_META}"]`)?.content, language)
  if (url === null) return
  const link = doc.createElement('link')
  link.rel = 'modulepreload'
  link.href = url
  doc.head.append(link)
}
