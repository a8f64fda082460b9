/**
 * Words and figures in one language: messages from its catalog with their `{placeholders}` filled
 * in, and times, durations and dates written by `Intl` in that language. Crypto amounts, addresses
 * and hashes go into messages as the exact text they are, never through a number format.
 */
import type { MessageKey, Messages } from './catalog'
import { textDirection, type Language } from './languages'

export type MessageParams = Readonly<Record<string, string | number>>

export interface Translator {
  readonly language: Language
  readonly direction: 'ltr' | 'rtl'
  /** The message, placeholders filled in; a key its catalog lacks reads as the key (a bug tests catch). */
  t(key: MessageKey, params?: MessageParams): string
  /**
   * The message cut at one placeholder, for markup there (`For the HIVE account <strong>@alice</strong>`):
   * the text before it and after it, each with the other placeholders filled in.
   */
  around(key: MessageKey, placeholder: string, params?: MessageParams): [before: string, after: string]
  /** A calm "how long": `5 sec`, `12 min`, `2 hr 5 min` (in the language's short units). */
  span(ms: number): string
  /** `3 minutes`, in full words and the language's plural. */
  minutes(count: number): string
  /** `5–30 minutes`. */
  minutesRange(from: number, to: number): string
  /** `12 sec. ago`, `2 min. ago`. */
  ago(ms: number): string
  /** A moment, date and time, in the device's time zone: `Nov 25, 2026, 12:00 PM`. */
  dateTime(at: number): string
  /** A dollar figure: `$12.34`, `12,34 $`. */
  usd(value: number): string
}

const PLURAL_MESSAGE = /^(zero|one|two|few|many|other):/

/** A plural message's forms by CLDR category (`one:{n} minute|other:{n} minutes`), or null for a plain message. */
export function pluralForms(message: string): Map<string, string> | null {
  if (!PLURAL_MESSAGE.test(message)) return null
  return new Map(message.split('|').map((form) => [form.slice(0, form.indexOf(':')), form.slice(form.indexOf(':') + 1)]))
}

/** The form of a plural message for a CLDR category: that category's, else `other`'s; a message without forms is its own text. */
export function pluralForm(message: string, category: Intl.LDMLPluralRule): string {
  const forms = pluralForms(message)
  return forms?.get(category) ?? forms?.get('other') ?? message
}

function fill(text: string, params: MessageParams | undefined): string {
  if (!params) return text
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}

/**
 * @example createTranslator('de', words).t('badge.polling', { interval: '5 Sek.' })
 */
// Built on first use, and kept per language for the page's life, shared by every translator of that
// language: the first Intl formatter a page creates costs tens of milliseconds on a phone (a hundred
// and more at Lighthouse's 4× CPU), and the entry's translator and the app's are different objects.
// Six languages times a handful of formats at most.
const formatters = new Map<string, Intl.NumberFormat | Intl.RelativeTimeFormat | Intl.DateTimeFormat | Intl.PluralRules>()

export function createTranslator(language: Language, messages: Messages): Translator {
  const once = <T extends Intl.NumberFormat | Intl.RelativeTimeFormat | Intl.DateTimeFormat | Intl.PluralRules>(key: string, make: () => T): T => {
    let format = formatters.get(`${language}/${key}`) as T | undefined
    if (!format) formatters.set(`${language}/${key}`, (format = make()))
    return format
  }
  const unit = (name: string, display: 'short' | 'long'): Intl.NumberFormat =>
    once(`${name}/${display}`, () => new Intl.NumberFormat(language, { style: 'unit', unit: name, unitDisplay: display }))
  const message = (key: MessageKey): string => messages[key] ?? key
  const plural = (): Intl.PluralRules => once('plural', () => new Intl.PluralRules(language))

  return {
    language,
    direction: textDirection(language),
    t: (key, params) => fill(message(key), params),
    around(key, placeholder, params) {
      const [before = '', after = ''] = message(key).split(`{${placeholder}}`)
      return [fill(before, params), fill(after, params)]
    },
    span(ms) {
      const s = Math.max(0, Math.round(ms / 1000))
      if (s < 60) return unit('second', 'short').format(s)
      const min = Math.floor(s / 60)
      if (min < 60) return unit('minute', 'short').format(min)
      return `${unit('hour', 'short').format(Math.floor(min / 60))} ${unit('minute', 'short').format(min % 60)}`
    },
    // From the catalog's plural forms, not a unit format: these are on the first screen (the time a
    // payment takes), and a page's first number format costs about ten times its plural rules.
    minutes: (count) => fill(pluralForm(message('duration.minutes'), plural().select(count)), { n: count }),
    minutesRange: (from, to) => fill(pluralForm(message('duration.minutes_range'), plural().select(to)), { from, to }),
    ago(ms) {
      const s = Math.max(0, Math.round(ms / 1000))
      const relative = once('ago', () => new Intl.RelativeTimeFormat(language, { style: 'short' }))
      return s < 60 ? relative.format(-s, 'second') : s < 3600 ? relative.format(-Math.floor(s / 60), 'minute') : relative.format(-Math.floor(s / 3600), 'hour')
    },
    dateTime: (at) => once('dateTime', () => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' })).format(at),
    usd: (value) => once('usd', () => new Intl.NumberFormat(language, { style: 'currency', currency: 'USD' })).format(value),
  }
}
