/**
 * Which language the page opens in: `?lang=` first, then the tab's memory of the picker, then the
 * browser's languages, else English; a tag the page does not speak, or a malformed one, counts as absent.
 */
import { describe, expect, it } from 'vitest'
import { addressWithLanguage, LANGUAGE_MEMORY_KEY, rememberedLanguage, rememberLanguage } from '../../src/core/i18n/languageChoice'
import { chooseLanguage } from '../../src/core/i18n/openingLanguage'
import { matchLanguage } from '../../src/core/i18n/languages'

const choose = (search: string, preferred: string[] = [], remembered: string | null = null) => chooseLanguage({ search, preferred, remembered })

describe('matching a BCP 47 tag to a language the page speaks', () => {
  it.each([
    ['de', 'de'],
    ['de-AT', 'de'],
    ['DE-ch', 'de'],
    ['pt-BR', 'pt-BR'],
    ['pt-PT', 'pt-BR'],
    ['pt', 'pt-BR'],
    ['es-419', 'es'],
    ['es-MX', 'es'],
    ['ko-KR', 'ko'],
    ['pl', 'pl'],
    ['en-GB', 'en'],
    ['zh-Hans-CN', null],
    ['fr', null],
    ['', null],
    ['en_US!', null],
    ['x', null],
    ['12345', null],
  ])('%j → %j', (tag, language) => {
    expect(matchLanguage(tag)).toBe(language)
  })
})

describe('the language the page opens in', () => {
  it('follows ?lang= before anything else', () => {
    expect(choose('?channelId=abc&lang=pl', ['de-DE'], 'ko')).toBe('pl')
  })

  it('treats an unknown or malformed ?lang= as absent: no error, the next source decides', () => {
    expect(choose('?lang=fr', ['es-419'])).toBe('es')
    expect(choose('?lang=%%%', ['ko'])).toBe('ko')
    expect(choose('?lang=', [])).toBe('en')
    expect(choose('?lang=de_DE_x!', [], 'pt-BR')).toBe('pt-BR')
  })

  it('then the picker’s choice remembered for the tab', () => {
    expect(choose('', ['de'], 'pl')).toBe('pl')
    expect(choose('', ['de'], 'tlh')).toBe('de')
  })

  it('then the first of the browser’s languages the page speaks', () => {
    expect(choose('', ['fr-FR', 'pt-PT', 'de'])).toBe('pt-BR')
    expect(choose('', ['ja', 'es-419'])).toBe('es')
  })

  it('else English', () => {
    expect(choose('', ['fr', 'ja'])).toBe('en')
    expect(choose('', [])).toBe('en')
  })
})

describe('the tab’s memory and the address', () => {
  it('keeps the choice in the given storage and survives a storage that throws', () => {
    const store = new Map<string, string>()
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) }
    rememberLanguage(storage, 'ko')
    expect(store.get(LANGUAGE_MEMORY_KEY)).toBe('ko')
    expect(rememberedLanguage(storage)).toBe('ko')
    const broken = {
      getItem: () => {
        throw new Error('SecurityError')
      },
      setItem: () => {
        throw new Error('QuotaExceededError')
      },
    }
    expect(() => rememberLanguage(broken, 'de')).not.toThrow()
    expect(rememberedLanguage(broken)).toBeNull()
    expect(rememberedLanguage(null)).toBeNull()
  })

  it('rewrites a ?lang= already in the address, and leaves an address without one alone', () => {
    expect(addressWithLanguage('https://vue.dlux.io/?channelId=abc12345&lang=es', 'de')).toBe('https://vue.dlux.io/?channelId=abc12345&lang=de')
    expect(addressWithLanguage('https://vue.dlux.io/?channelId=abc12345&lang=de', 'de')).toBeNull()
    expect(addressWithLanguage('https://vue.dlux.io/?channelId=abc12345', 'de')).toBeNull()
  })
})
