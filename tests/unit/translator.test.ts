/**
 * Words and figures in one language: placeholders filled, times and counts by `Intl` in that
 * language (its plurals included), and the switch between languages, where the last pick wins.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { activeTranslator, onLanguageChange, showLanguage, wantedLanguage } from '../../src/core/i18n/activeLanguage'
import { createTranslator, pluralForm } from '../../src/core/i18n/translator'
import { LANGUAGES } from '../../src/core/i18n/languages'
import { english, translatorFor } from '../support/i18n'

describe('a translator', () => {
  it('shares its Intl formatters with every translator of the same language, not of another', () => {
    const Real = Intl.NumberFormat
    const made: string[] = []
    Intl.NumberFormat = class extends Real {
      constructor(locale?: string | string[], options?: Intl.NumberFormatOptions) {
        super(locale, options)
        made.push(String(locale))
      }
    } as typeof Intl.NumberFormat
    try {
      createTranslator('pl', {}).usd(1)
      const second = createTranslator('pl', {}).usd(2.5)
      expect(made).toEqual(['pl'])
      expect(second).toBe(new Real('pl', { style: 'currency', currency: 'USD' }).format(2.5))
      createTranslator('ko', {}).usd(1)
      expect(made).toEqual(['pl', 'ko'])
    } finally {
      Intl.NumberFormat = Real
    }
  })

  it('fills placeholders and leaves unknown ones and missing keys visible', () => {
    expect(english.t('badge.polling', { interval: '5 sec' })).toBe('Updating every 5 sec')
    expect(english.t('badge.polling')).toBe('Updating every {interval}')
    expect(createTranslator('en', {}).t('page.heading')).toBe('page.heading')
  })

  it('cuts a message at a placeholder, for an element in its place, in any word order', async () => {
    expect(english.around('card.for', 'account')).toEqual(['For the HIVE account ', ''])
    const ko = await translatorFor('ko')
    expect(ko.around('done.welcome_account', 'account')).toEqual(['HIVE에 오신 걸 환영해요, ', '님.'])
  })

  it('writes durations, relative times and ranges in the language, plurals included', async () => {
    const [de, pl, ko] = await Promise.all([translatorFor('de'), translatorFor('pl'), translatorFor('ko')])
    expect(de.span(5000)).toBe('5 Sek.')
    expect(de.span(12 * 60_000)).toBe('12 Min.')
    expect(english.span(2 * 3_600_000 + 5 * 60_000)).toBe('2 hr 5 min')
    expect(ko.ago(12_000)).toBe('12초 전')
    expect(de.ago(125_000)).toBe('vor 2 Min.')
    // Polish has three plural forms: 2 minuty, 5 minut, 22 minuty.
    expect([2, 5, 22].map((n) => pl.minutes(n))).toEqual(['2 minuty', '5 minut', '22 minuty'])
    expect(de.minutesRange(10, 60)).toBe('10–60 Minuten')
    expect(de.usd(80.5)).toBe('80,50\u00a0$')
  })
})

describe('minutes from the catalog\'s plural forms', () => {
  it.each(LANGUAGES)('read in %s exactly as Intl\'s unit format writes them, for every whole count and range the page shows', async (language) => {
    const tr = await translatorFor(language)
    const intl = new Intl.NumberFormat(language, { style: 'unit', unit: 'minute', unitDisplay: 'long' })
    for (let n = 0; n <= 150; n++) expect(tr.minutes(n), `${language} ${n}`).toBe(intl.format(n))
    for (const [from, to] of [[1, 2], [1, 3], [2, 4], [5, 22], [5, 30], [10, 60], [30, 120], [60, 125]] as const) {
      expect(tr.minutesRange(from, to), `${language} ${from}–${to}`).toBe(intl.formatRange(from, to))
    }
  })

  it('pick the count\'s form, else "other", and leave a message without forms as it is', () => {
    expect(pluralForm('one:{n} minute|other:{n} minutes', 'one')).toBe('{n} minute')
    expect(pluralForm('one:{n} minuta|few:{n} minuty|many:{n} minut|other:{n} minuty', 'many')).toBe('{n} minut')
    expect(pluralForm('other:{n}분', 'one')).toBe('{n}분')
    expect(pluralForm('{n} min', 'few')).toBe('{n} min')
  })
})

describe('switching the active language', () => {
  afterEach(async () => {
    await showLanguage('en', ['first', 'page'])
  })

  it('tells its listeners once the words are in, and the last pick wins', async () => {
    const seen: string[] = []
    const stop = onLanguageChange((tr) => seen.push(tr.language))
    const slow = showLanguage('de', ['first', 'page'])
    const fast = showLanguage('pl', ['first', 'page'])
    expect(wantedLanguage()).toBe('pl')
    await Promise.all([slow, fast])
    stop()
    expect(seen).toEqual(['pl'])
    expect(activeTranslator().language).toBe('pl')
    expect(activeTranslator().t('card.amount')).toBe('Kwota')
  })

  it('keeps the first screen’s words when the page’s are added', async () => {
    await showLanguage('ko', ['first'])
    await showLanguage('ko', ['page'])
    expect(activeTranslator().t('page.language')).toBe('언어')
    expect(activeTranslator().t('page.retry')).toBe('지금 다시 시도')
  })

  it('leaves the page as it was when words cannot be fetched', async () => {
    await showLanguage('de', ['first', 'page'])
    const loader = await import('../../src/core/i18n/loadCatalog')
    const spy = vi.spyOn(loader, 'loadCatalog').mockRejectedValueOnce(new Error('offline'))
    await expect(showLanguage('es', ['first'])).rejects.toThrow('offline')
    spy.mockRestore()
    expect(activeTranslator().language).toBe('de')
    expect(wantedLanguage()).toBe('de')
  })
})
