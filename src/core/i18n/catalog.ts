/**
 * The shape of a language's words, set by English (the source): two parts, so that the entry
 * carries only what the first screen draws. `first` is the page frame, badge and payment card;
 * `page` is everything after. A translation has exactly English's keys in each part.
 */
import type firstScreenWords from './catalogs/en-first'
import type pageWords from './catalogs/en-page'

export type CatalogPart = 'first' | 'page'

export type FirstScreenKey = keyof typeof firstScreenWords
export type PageKey = keyof typeof pageWords
export type MessageKey = FirstScreenKey | PageKey

/** One part of a translation: every key of English's part, nothing else. */
export type FirstScreenCatalog = Readonly<Record<FirstScreenKey, string>>
export type PageCatalog = Readonly<Record<PageKey, string>>

/** What a translator reads its words from: the parts loaded so far. */
export type Messages = Readonly<Partial<Record<MessageKey, string>>>
