/**
 * Fetches a language's words, part by part, each part a lazy chunk of its own: a page loads only the
 * language it shows. English's words are chunks too, not part of the entry: inlined, they would
 * cost every other language's first screen their weight (about 1.2 kB gzipped) in front of its own.
 * The starter has usually preloaded the first part already (src/boot/firstWordsPreload.ts).
 */
import type { CatalogPart, Messages } from './catalog'
import type { Language } from './languages'

type Loader = () => Promise<{ default: Messages }>

// One import() per file, written out: the bundler makes each its own chunk, named after the file.
const LOADERS: Readonly<Record<Language, Readonly<Record<CatalogPart, Loader>>>> = {
  en: { first: () => import('./catalogs/en-first'), page: () => import('./catalogs/en-page') },
  es: { first: () => import('./catalogs/es-first'), page: () => import('./catalogs/es-page') },
  'pt-BR': { first: () => import('./catalogs/pt-BR-first'), page: () => import('./catalogs/pt-BR-page') },
  de: { first: () => import('./catalogs/de-first'), page: () => import('./catalogs/de-page') },
  pl: { first: () => import('./catalogs/pl-first'), page: () => import('./catalogs/pl-page') },
  ko: { first: () => import('./catalogs/ko-first'), page: () => import('./catalogs/ko-page') },
}

const loaded = new Map<string, Promise<Messages>>()

/**
 * One part of a language's words; asked twice, fetched once. A failed fetch (a flaky phone link) is
 * forgotten, so the next ask tries again.
 *
 * @example const words = await loadCatalog('de', 'first')
 */
export function loadCatalog(language: Language, part: CatalogPart): Promise<Messages> {
  const key = `${language}/${part}`
  let words = loaded.get(key)
  if (!words) {
    words = LOADERS[language][part]().then((m) => m.default)
    words.catch(() => loaded.delete(key))
    loaded.set(key, words)
  }
  return words
}
