/**
 * The languages the page speaks, and how a BCP 47 tag (from `?lang=`, the picker's memory or the
 * browser) finds one of them: the exact tag first, then its language alone (`pt-PT` reads
 * Brazilian Portuguese, `es-419` Spanish), else none.
 */

/** Every language the page speaks, English (the source) first. */
export const LANGUAGES = ['en', 'es', 'pt-BR', 'de', 'pl', 'ko'] as const

export type Language = (typeof LANGUAGES)[number]

export const SOURCE_LANGUAGE: Language = 'en'

/** Each language's name in itself: a payer finds their own language whatever the page shows. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  en: 'English',
  es: 'Español',
  'pt-BR': 'Português (Brasil)',
  de: 'Deutsch',
  pl: 'Polski',
  ko: '한국어',
}

/** Languages written right to left: none yet; `<html dir>` follows this set when one is added. */
const RIGHT_TO_LEFT: ReadonlySet<Language> = new Set<Language>()

export function textDirection(language: Language): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.has(language) ? 'rtl' : 'ltr'
}

/** `de-AT` → `de-AT`; null for a malformed tag (`en_US!`, empty), which is ignored, not guessed at. */
function canonicalTag(tag: string): string | null {
  try {
    return Intl.getCanonicalLocales(tag.trim())[0] ?? null
  } catch {
    return null
  }
}

/**
 * The language the page speaks for a BCP 47 tag, or null (malformed, or a language it does not speak).
 *
 * @example matchLanguage('pt-PT') // 'pt-BR'
 */
export function matchLanguage(tag: string | null | undefined): Language | null {
  if (typeof tag !== 'string') return null
  const canonical = canonicalTag(tag)
  if (canonical === null) return null
  const lower = canonical.toLowerCase()
  const exact = LANGUAGES.find((l) => l.toLowerCase() === lower)
  if (exact) return exact
  const primary = lower.split('-')[0]
  return LANGUAGES.find((l) => l.toLowerCase().split('-')[0] === primary) ?? null
}
