/**
 * Asks Chromium to compile the app's chunks whole, as they download, instead of each function on
 * its first call (V8's explicit compile hints: a `//# allFunctionsCalledOnLoad` comment at the top
 * of a file). The app calls most of its code as soon as it runs: on a slow phone, compiling it lazily
 * was over half of each task that puts the app on screen, all of it on the main thread; compiled
 * with the download, it is done on a background thread while the first screen is already up.
 *
 * Only the chunks that run as the app takes over: the app, Vue and their shared chunk. Not the
 * entry (it runs at once and is compiled at once anyway), not the lazy parts that may never run,
 * not the words. Other browsers read the comment as a comment.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Plugin } from 'vite'

export const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n'

/** The chunks hinted, by the name the build gives them (vite.config.ts: `main` from src/main.ts, the `vue` and `shared` groups). */
export const HINTED_CHUNKS: ReadonlySet<string> = new Set(['main', 'vue', 'shared'])

export function compileHintsPlugin(): Plugin {
  return {
    name: 'dlux-compile-hints',
    apply: 'build',
    // On the written files: the build adds its own first line to a chunk (the preload list) after
    // every plugin's bundle hooks, and the hint must be the file's first line.
    writeBundle(options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk' || !HINTED_CHUNKS.has(file.name)) continue
        const written = path.join(options.dir ?? '', file.fileName)
        writeFileSync(written, COMPILE_HINT + readFileSync(written, 'utf8'))
      }
    },
  }
}
