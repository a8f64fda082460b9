/**
 * The `<meta name>` by which the built index.html names each language's first-screen words chunk
 * (build/firstWordsMeta.ts writes it, firstWordsPreload.ts reads it). A file of its own, importing
 * nothing, because the build's config loads it.
 */
export const FIRST_WORDS_META = 'dlux-first-words'
