/**
 * Every language says everything English says, with the same placeholders, and nothing else: a
 * missing key would show a key on a payer's screen, an extra one is a word nobody reads, and a lost
 * `{amount}` would drop the amount to pay from a sentence.
 */
import { describe, expect, it } from 'vitest'
import type { CatalogPart, Messages } from '../../src/core/i18n/catalog'
import { LANGUAGES, SOURCE_LANGUAGE } from '../../src/core/i18n/languages'
import { loadCatalog } from '../../src/core/i18n/loadCatalog'
import { pluralForms } from '../../src/core/i18n/translator'

const PARTS: CatalogPart[] = ['first', 'page']
const TRANSLATIONS = LANGUAGES.filter((l) => l !== SOURCE_LANGUAGE)

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).sort()


/** A plural message in `language`: an `other` form, no category the language lacks, each form with `want`'s placeholders. */
function pluralProblems(key: string, language: string, theirs: string, want: string): string[] {
  const forms = pluralForms(theirs)
  if (forms === null) return [`${key}: no plural forms`]
  const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories as string[]
  const problems = forms.has('other') ? [] : [`${key}: no "other" form`]
  for (const [category, form] of forms) {
    if (!categories.includes(category)) problems.push(`${key}: ${language} has no plural category "${category}"`)
    if (placeholders(form).join(',') !== want) problems.push(`${key} (${category}): placeholders {${placeholders(form).join(',')}} instead of {${want}}`)
  }
  return problems
}

/** Differences between a translation and English, one readable line each. */
function catalogProblems(english: Messages, translation: Messages, language = 'de'): string[] {
  const problems: string[] = []
  const keys = (m: Messages) => Object.keys(m) as Array<keyof Messages>
  for (const key of keys(english)) if (!(key in translation)) problems.push(`missing key ${key}`)
  for (const key of keys(translation)) if (!(key in english)) problems.push(`extra key ${key}`)
  for (const key of keys(english)) {
    const theirs = translation[key]
    if (theirs === undefined) continue
    if (theirs.trim() === '') problems.push(`empty ${key}`)
    const source = english[key] ?? ''
    const englishForms = pluralForms(source)
    if (englishForms !== null) {
      problems.push(...pluralProblems(key, language, theirs, placeholders(englishForms.get('other') ?? '').join(',')))
      continue
    }
    const want = placeholders(source).join(',')
    const got = placeholders(theirs).join(',')
    if (want !== got) problems.push(`${key}: placeholders {${got}} instead of {${want}}`)
  }
  return problems
}

describe('the catalogs', () => {
  it.each(TRANSLATIONS.flatMap((language) => PARTS.map((part) => [language, part] as const)))('%s (%s part) has exactly English’s keys and placeholders', async (language, part) => {
    const [english, translation] = await Promise.all([loadCatalog(SOURCE_LANGUAGE, part), loadCatalog(language, part)])
    expect(catalogProblems(english, translation, language)).toEqual([])
  })

  it('finds a plural message without forms, without "other", with a category the language lacks or a lost placeholder', () => {
    const english = { 'duration.minutes': 'one:{n} minute|other:{n} minutes' } as Messages
    const problems = (text: string, language: string) => catalogProblems(english, { 'duration.minutes': text } as Messages, language)
    expect(problems('{n} Minuten', 'de')).toEqual(['duration.minutes: no plural forms'])
    expect(problems('one:{n} Minute', 'de')).toEqual(['duration.minutes: no "other" form'])
    expect(problems('one:{n} Minute|few:{n} Minuten|other:{n} Minuten', 'de')).toEqual(['duration.minutes: de has no plural category "few"'])
    expect(problems('one:{n} minuta|few:minuty|other:{n} minuty', 'pl')).toEqual(['duration.minutes (few): placeholders {} instead of {n}'])
    expect(problems('one:{n} minuta|few:{n} minuty|many:{n} minut|other:{n} minuty', 'pl')).toEqual([])
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
