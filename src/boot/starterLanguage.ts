/**
 * The language the starter read (firstWordsPreload.ts), handed to the entry on the page's global
 * object. Apart from the reading itself, so the entry takes the starter's answer without carrying
 * the code that reads it.
 */
import { LANGUAGES, type Language } from '../core/i18n/languages'

/** Where the starter leaves the language it read (global object). */
export const STARTER_LANGUAGE_GLOBAL = '__dluxLanguage'

/** The language the starter read, or null where it did not run (a policy that blocks inline scripts). */
export function starterLanguage(from: Record<string, unknown> = globalThis as Record<string, unknown>): Language | null {
  const language = from[STARTER_LANGUAGE_GLOBAL]
  return LANGUAGES.find((l) => l === language) ?? null
}
