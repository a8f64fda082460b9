// @vitest-environment happy-dom
/**
 * The first screen's words travel with the entry, not after it: the built page names each
 * language's first-screen chunk in a `<meta>` (build/firstWordsMeta.ts), the starter preloads the
 * one of the page's language and hands that language to the entry (src/boot/firstWordsPreload.ts,
 * src/boot/starterLanguage.ts).
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Rolldown } from 'vite'
import { firstWordsMetaTag, firstWordsUrls } from '../../build/firstWordsMeta'
import { firstWordsUrl, preloadFirstWords } from '../../src/boot/firstWordsPreload'
import { FIRST_WORDS_META } from '../../src/boot/firstWordsMetaName'
import { STARTER_LANGUAGE_GLOBAL, starterLanguage } from '../../src/boot/starterLanguage'
import { LANGUAGE_MEMORY_KEY } from '../../src/core/i18n/languageChoice'
import { LANGUAGES, type Language } from '../../src/core/i18n/languages'

const URLS = Object.fromEntries(LANGUAGES.map((l) => [l, `/assets/words/${l}-first-a1b2c3d4.js`])) as Record<Language, string>

/** A bundle as the build hands it over: each language's first and page words, the entry, a helper. */
function bundle(languages: readonly Language[] = LANGUAGES): Rolldown.OutputBundle {
  const chunk = (fileName: string, moduleIds: string[]) => [fileName, { type: 'chunk', fileName, moduleIds }]
  return Object.fromEntries([
    chunk('assets/index-e1.js', ['/repo/src/boot/entry.ts', '/repo/src/core/i18n/languages.ts']),
    ...languages.flatMap((l) => [
      chunk(`assets/words/${l}-first-a1b2c3d4.js`, ['\0rolldown/runtime', `/repo/src/core/i18n/catalogs/${l}-first.ts`]),
      chunk(`assets/words/${l}-page-a1b2c3d4.js`, [`/repo/src/core/i18n/catalogs/${l}-page.ts`]),
    ]),
    ['assets/index.css', { type: 'asset', fileName: 'assets/index.css' }],
  ]) as unknown as Rolldown.OutputBundle
}

/** Puts the build's `<meta>` in the page's head. */
function withMeta(tag: string): void {
  document.head.innerHTML = tag
}

afterEach(() => {
  document.head.innerHTML = ''
  sessionStorage.clear()
  delete (globalThis as Record<string, unknown>)[STARTER_LANGUAGE_GLOBAL]
  vi.unstubAllGlobals()
})

describe('the build names every language\'s first-screen words', () => {
  it('by the chunk that holds only that catalog, under the site\'s base', () => {
    expect(firstWordsUrls(bundle(), '/')).toEqual(URLS)
    expect(firstWordsUrls(bundle(), '/pay/').de).toBe('/pay/assets/words/de-first-a1b2c3d4.js')
  })

  it('fails the build when a language has no first-screen chunk', () => {
    expect(() => firstWordsUrls(bundle(['en', 'es', 'de']), '/')).toThrow('first-screen words: no chunk for pt-BR, pl, ko in the bundle')
  })

  it('in a meta tag whose content the browser reads back as the same JSON, quotes and ampersands included', () => {
    const urls = { ...URLS, de: '/a"b&c/de-first.js' }
    withMeta(firstWordsMetaTag(urls))
    const content = document.querySelector<HTMLMetaElement>(`meta[name="${FIRST_WORDS_META}"]`)?.content
    expect(JSON.parse(content ?? '')).toEqual(urls)
  })
})

describe('the starter reads the chunk of the page\'s language', () => {
  it.each([
    ['no meta', undefined],
    ['an empty meta', ''],
    ['content that is not JSON', '{de:'],
    ['JSON that is not an object', '"x"'],
    ['a language with no entry', '{"en":"/e.js"}'],
    ['a URL that is not a string', '{"de":42}'],
  ])('and finds none in %s', (_label, meta) => {
    expect(firstWordsUrl(meta, 'de')).toBeNull()
  })

  it('and finds the one it asks for', () => {
    expect(firstWordsUrl(JSON.stringify(URLS), 'pt-BR')).toBe(URLS['pt-BR'])
  })
})

describe('the starter', () => {
  /** The page's modulepreload links, in order. */
  const preloads = () => [...document.head.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')].map((l) => l.getAttribute('href'))

  function openAt(search: string, languages: readonly string[] = ['en-US']): void {
    vi.stubGlobal('location', { search })
    vi.stubGlobal('navigator', { languages, language: languages[0] })
  }

  it('preloads only the words of the page\'s language, by ?lang= first, and hands the language to the entry', () => {
    withMeta(firstWordsMetaTag(URLS))
    openAt('?channelId=x&lang=de', ['ko-KR'])
    preloadFirstWords(document)
    expect(preloads()).toEqual([URLS.de])
    expect(starterLanguage()).toBe('de')
  })

  it('follows the picker\'s choice kept in the tab, then the browser\'s languages', () => {
    withMeta(firstWordsMetaTag(URLS))
    openAt('', ['pl-PL', 'en'])
    preloadFirstWords(document)
    sessionStorage.setItem(LANGUAGE_MEMORY_KEY, 'es')
    preloadFirstWords(document)
    expect(preloads()).toEqual([URLS.pl, URLS.es])
  })

  it('preloads nothing on a page without the meta (the dev server), and still hands the language over', () => {
    openAt('?lang=pt-PT')
    preloadFirstWords(document)
    expect(preloads()).toEqual([])
    expect(starterLanguage()).toBe('pt-BR')
  })
})

describe('the entry takes the starter\'s language', () => {
  it.each([
    ['nothing (the starter did not run)', undefined],
    ['a language the page does not speak', 'fr'],
    ['something else', { toString: (): string => 'de' }],
  ])('and none from %s', (_label, value) => {
    expect(starterLanguage({ [STARTER_LANGUAGE_GLOBAL]: value })).toBeNull()
  })

  it('and each language the page speaks', () => {
    for (const language of LANGUAGES) expect(starterLanguage({ [STARTER_LANGUAGE_GLOBAL]: language })).toBe(language)
  })
})
