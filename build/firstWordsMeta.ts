/**
 * The `<meta>` that names each language's first-screen words chunk for the starter
 * (src/boot/firstWordsPreload.ts), which preloads the one the page will show. The chunks' names
 * carry content hashes, so only the finished bundle knows them.
 */
import type { Rolldown } from 'vite'
import { FIRST_WORDS_META } from '../src/boot/firstWordsMetaName.js'
import { LANGUAGES, type Language } from '../src/core/i18n/languages.js'

/** A first-screen catalog module: `src/core/i18n/catalogs/<language>-first.ts`. */
const FIRST_WORDS_MODULE = /\/src\/core\/i18n\/catalogs\/([A-Za-z-]+)-first\.ts$/

/** `{ language: URL }` of every language's first-screen chunk in `bundle`; fails the build if one is missing. */
export function firstWordsUrls(bundle: Rolldown.OutputBundle, base: string): Record<Language, string> {
  const urls: Partial<Record<string, string>> = {}
  for (const item of Object.values(bundle)) {
    // By the modules in it (bundler helpers, whose ids start with NUL, aside): a words chunk has one.
    const modules = item.type === 'chunk' ? item.moduleIds.filter((id) => !id.startsWith('\0')) : []
    const language = modules.length === 1 ? FIRST_WORDS_MODULE.exec(modules[0] ?? '')?.[1] : undefined
    if (language) urls[language] = base + item.fileName
  }
  const missing = LANGUAGES.filter((language) => !urls[language])
  if (missing.length > 0) throw new Error(`first-screen words: no chunk for ${missing.join(', ')} in the bundle`)
  return urls as Record<Language, string>
}

/** The tag itself; the JSON is attribute-escaped (its quotes), and the URLs are the bundler's file names. */
export function firstWordsMetaTag(urls: Record<Language, string>): string {
  return `<meta name="${FIRST_WORDS_META}" content="${JSON.stringify(urls).replaceAll('&', '&amp;').replaceAll('"', '&quot;')}">`
}
