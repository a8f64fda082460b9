/** What the language picker does, on the first screen and in the app alike, and the browser it does it in. */
import { showLanguage } from './activeLanguage'
import { addressWithLanguage, rememberLanguage, tabStorage, type LanguageStorage } from './languageChoice'
import type { Language } from './languages'
import type { Translator } from './translator'

/** The page as the picker touches it: the tab's storage and its address. */
export interface PickerPage {
  storage: LanguageStorage | null
  href: string
  /** Replaces the address without a reload or a history entry. */
  replaceAddress(url: string): void
}

/** This browser tab as the picker touches it. */
export function browserPickerPage(): PickerPage {
  return { storage: tabStorage(), href: location.href, replaceAddress: (url) => history.replaceState(history.state, '', url) }
}

/**
 * Switches to `language` without a reload and keeps the choice for the tab; a `?lang=` already in
 * the address is updated too, or the next reload would bring the old language back.
 *
 * @example await pickLanguage('de', { storage: sessionStorage, href: location.href, replaceAddress })
 */
export function pickLanguage(language: Language, page: PickerPage = browserPickerPage()): Promise<Translator> {
  rememberLanguage(page.storage, language)
  const address = addressWithLanguage(page.href, language)
  if (address !== null) page.replaceAddress(address)
  return showLanguage(language, ['first', 'page'])
}
