/**
 * Every language says everything English says, with the same placeholders, and nothing else: a
 * missing key would show a key on a payer's screen, an extra one is a word nobody reads, and a lost
 * `{amount}` would drop the amount to pay from a sentence.
 */
import { describe, expect, it } from 'vitest'
import type { CatalogPart, Messages } from '../../src/core/i18n/catalog'
import { LANGUAGES, SOURCE_LANGUAGE } from '../../src/core/i18n/languages'
import { loadCatalog } from '../../src/core/i18n/loadCatalog'

const PARTS: CatalogPart[] = ['first', 'page']
const TRANSLATIONS = LANGUAGES.filter((l) => l !== SOURCE_LANGUAGE)

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).sort()

/** Differences between a translation and English, one readable line each. */
function catalogProblems(english: Messages, translation: Messages): string[] {
  const problems: string[] = []
  const keys = (m: Messages) => Object.keys(m) as Array<keyof Messages>
  for (const key of keys(english)) if (!(key in translation)) problems.push(`missing key ${key}`)
  for (const key of keys(translation)) if (!(key in english)) problems.push(`extra key ${key}`)
  for (const key of keys(english)) {
    const theirs = translation[key]
    if (theirs === undefined) continue
    if (theirs.trim() === '') problems.push(`empty ${key}`)
    const want = placeholders(english[key] ?? '').join(',')
    const got = placeholders(theirs).join(',')
    if (want !== got) problems.push(`${key}: placeholders {${got}} instead of {${want}}`)
  }
  return problems
}

describe('the catalogs', () => {
  it.each(TRANSLATIONS.flatMap((language) => PARTS.map((part) => [language, part] as const)))('%s (%s part) has exactly English’s keys and placeholders', async (language, part) => {
    const [english, translation] = await Promise.all([loadCatalog(SOURCE_LANGUAGE, part), loadCatalog(language, part)])
    expect(catalogProblems(english, translation)).toEqual([])
  })

  it('finds a missing key, an extra key, an empty message and a lost or renamed placeholder', () => {
    const english = { 'page.heading': 'HIVE account payment', 'card.for': 'For the HIVE account {account}', 'badge.age': 'Last update {age}' } as Messages
    const broken = { 'page.heading': ' ', 'card.for': 'Für das HIVE-Konto', 'badge.age': 'Letztes Update {alter}', 'page.title': 'extra' } as Messages
    expect(catalogProblems(english, broken)).toEqual([
      'extra key page.title',
      'empty page.heading',
      'card.for: placeholders {} instead of {account}',
      'badge.age: placeholders {alter} instead of {age}',
    ])
    const { 'badge.age': _dropped, ...short } = english
    expect(catalogProblems(english, short as Messages)).toEqual(['missing key badge.age'])
  })

  it('keeps the two parts apart: no key is in both, so the first screen carries only its own words', async () => {
    const [first, page] = await Promise.all([loadCatalog(SOURCE_LANGUAGE, 'first'), loadCatalog(SOURCE_LANGUAGE, 'page')])
    expect(Object.keys(first).filter((key) => key in page)).toEqual([])
  })

  it('writes no amount, address or hash-like digits into a message: those only ever come from the server', async () => {
    for (const language of LANGUAGES) {
      for (const part of PARTS) {
        const words = await loadCatalog(language, part)
        const suspicious = Object.entries(words).filter(([, text]) => /\d+[.,]\d+|0x[0-9a-f]{6,}|[0-9a-f]{16,}/i.test(text ?? ''))
        expect(suspicious, `${language}/${part}`).toEqual([])
      }
    }
  })
})
