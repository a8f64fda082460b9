/** Translators for tests: every language with all its words, as the app has them once loaded. */
import englishFirstScreen from '../../src/core/i18n/catalogs/en-first'
import englishPage from '../../src/core/i18n/catalogs/en-page'
import { loadCatalog } from '../../src/core/i18n/loadCatalog'
import type { Language } from '../../src/core/i18n/languages'
import { createTranslator, type Translator } from '../../src/core/i18n/translator'

/** English, both parts: what every existing test reads. */
export const english: Translator = createTranslator('en', { ...englishFirstScreen, ...englishPage })

/** Any language, both parts loaded. */
export async function translatorFor(language: Language): Promise<Translator> {
  const [first, page] = await Promise.all([loadCatalog(language, 'first'), loadCatalog(language, 'page')])
  return createTranslator(language, { ...first, ...page })
}
