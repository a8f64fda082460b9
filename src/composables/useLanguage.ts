/**
 * The page's language for components: the translator in use (reactive, so every word on screen
 * follows a switch at once) and `choose`, what the picker calls. A thin wrapper: the language
 * itself lives in src/core/i18n/activeLanguage.ts, shared with the entry's first screen.
 */
import { shallowRef } from 'vue'
import { activeTranslator, onLanguageChange } from '../core/i18n/activeLanguage'
import { pickLanguage } from '../core/i18n/pickLanguage'
import type { Language } from '../core/i18n/languages'
import type { MessageKey } from '../core/i18n/catalog'
import type { MessageParams } from '../core/i18n/translator'

// One for the page, as the language is: it follows the core's switches for as long as the page lives.
const translator = shallowRef(activeTranslator())
onLanguageChange((next) => {
  translator.value = next
})

/** Switches the page to `language` without a reload: everything redraws, the connection is left alone. */
async function choose(language: Language): Promise<void> {
  await pickLanguage(language)
}

/** @example const { t } = useLanguage(); t('pay.copy_address') */
export function useLanguage() {
  return {
    translator,
    /** Reads the translator on every call, so a template that calls it redraws on a switch. */
    t: (key: MessageKey, params?: MessageParams): string => translator.value.t(key, params),
    choose,
  }
}
