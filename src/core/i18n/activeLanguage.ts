/**
 * The language the page shows, for the whole page: the entry sets it before the first screen, the
 * app and its picker change it, and both follow it (the app through a thin composable). A switch
 * loads the language's words first and only then tells anyone, so nothing draws a half-loaded
 * language; when the payer picks twice quickly, the last pick wins.
 */
import type { CatalogPart, Messages } from './catalog'
import { SOURCE_LANGUAGE, type Language } from './languages'
import { loadCatalog } from './loadCatalog'
import { createTranslator, type Translator } from './translator'

type Listener = (translator: Translator) => void

// No words until the entry has loaded the page's language: nothing is drawn before that.
let activeMessages: Messages = {}
let active: Translator = createTranslator(SOURCE_LANGUAGE, activeMessages)
/** The language being shown or on its way (what a later part should be loaded for). */
let wanted: Language = SOURCE_LANGUAGE
/** Counts switches: a load that finishes after a later switch began is dropped. */
let generation = 0
const listeners = new Set<Listener>()

export function activeTranslator(): Translator {
  return active
}

/** The language last asked for: the one shown, or the one loading. */
export function wantedLanguage(): Language {
  return wanted
}

/** Called with the new translator after every switch; returns its remover. */
export function onLanguageChange(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/**
 * Shows `language` once `parts` of its words are in; resolves with the translator then in use (a
 * later switch's, if one overtook this one). A part that cannot be fetched leaves the page as it
 * was and rejects.
 *
 * @example await showLanguage('de', ['first', 'page'])
 */
export async function showLanguage(language: Language, parts: readonly CatalogPart[]): Promise<Translator> {
  const mine = ++generation
  wanted = language
  let loadedParts: Messages[]
  try {
    loadedParts = await Promise.all(parts.map((part) => loadCatalog(language, part)))
  } catch (error) {
    if (mine === generation) wanted = active.language
    throw error
  }
  if (mine !== generation) return active
  // Parts loaded earlier for this language stay: the app asks for the page part on top of the first.
  const kept: Messages = active.language === language ? activeMessages : {}
  activeMessages = Object.assign({}, kept, ...loadedParts) as Messages
  active = createTranslator(language, activeMessages)
  for (const listener of listeners) listener(active)
  return active
}
