import { defineConfig } from 'vitest/config'
import { loadEnv } from 'vite'
import vue from '@vitejs/plugin-vue'
import { contentSecurityPolicyPlugin } from './build/contentSecurityPolicy.js'
import { paymentSimulator } from './server/vitePlugin.js'
import { startEarlyPlugin } from './build/startEarly.js'
import { inlineStarter } from './build/inlineStarter.js'
import { checkLinksPlugin } from './build/checkLinks.js'
import { compileHintsPlugin } from './build/compileHints.js'
import { visualizer } from 'rollup-plugin-visualizer'

/** A chunk of one language's words only (bundler helpers, whose ids start with NUL, aside). */
function isWordsChunk(moduleIds: readonly string[]): boolean {
  const ours = moduleIds.filter((id) => !id.startsWith('\0'))
  return ours.length > 0 && ours.every((id) => /[\\/]core[\\/]i18n[\\/]catalogs[\\/]/.test(id))
}

export default defineConfig(({ mode }) => {
  // Starts the first requests from a script inline in index.html; the CSP names its hash.
  const starter = inlineStarter()
  return {
    plugins: [
      // A support link payers could not use fails the build with the rule (src/core/links.ts).
      checkLinksPlugin(loadEnv(mode, process.cwd(), 'VITE_')),
      starter.plugin,
      // Preconnect to the endpoints the starter (src/boot/starter.ts) sends its first requests to.
      startEarlyPlugin(loadEnv(mode, process.cwd(), 'VITE_')),
      vue(),
      // The simulator exists only in `vite dev`; a production build never contains it.
      { ...paymentSimulator(), apply: 'serve' },
      contentSecurityPolicyPlugin(loadEnv(mode, process.cwd(), 'VITE_'), starter.scriptSources),
      // The app's chunks compiled as they download, not function by function as they first run.
      compileHintsPlugin(),
    ],
    define: {
      // Every component uses <script setup>; dropping the Options API saves about 2 kB gzipped.
      __VUE_OPTIONS_API__: 'false',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
    build: {
      target: 'es2022',
      // Importing the app (src/boot/entry.ts) fetches its chunks, Vue's included, in parallel rather
      // than one after the other; every browser this page supports has modulepreload.
      modulePreload: { polyfill: false },
      // index.html links only the first screen's styles (the entry's); each chunk's component
      // styles come with it, loaded by the preload helper before the chunk runs.
      cssCodeSplit: true,
      rolldownOptions: {
        // `npm run bench` and the size budget ask for a per-module breakdown (bench/size.ts).
        plugins: process.env.BUNDLE_STATS_FILE
          ? [visualizer({ filename: process.env.BUNDLE_STATS_FILE, template: 'raw-data', gzipSize: true })]
          : [],
        output: {
          // A language's words in a folder of their own (assets/words/de-first-….js): the size budget
          // counts each language with the app's JavaScript without counting the others.
          chunkFileNames: (chunk) =>
            isWordsChunk(chunk.moduleIds) ? 'assets/words/[name]-[hash].js' : 'assets/[name]-[hash].js',
          // Vue in a chunk of its own: shared by the app and the lazy parts, and cacheable across releases.
          // App code that both the app and a lazy part use goes to one chunk with a fixed name,
          // fetched together with the app.
          codeSplitting: {
            // A group takes only the modules it matches, not everything they import: the language
            // code the app shares with the entry stays in the entry, in front of the first screen,
            // instead of pulling the shared chunk (and Vue) there with it.
            includeDependenciesRecursively: false,
            groups: [
              { name: 'vue', test: /node_modules[\\/]@vue[\\/]|plugin-vue:export-helper/, priority: 2 },
              // Never a language's words: each stays a chunk of its own, fetched only for that language.
              { name: 'shared', test: /[\\/](src|node_modules)[\\/](?!core[\\/]i18n[\\/]catalogs[\\/])/, minShareCount: 2, priority: 1 },
            ],
          },
        },
      },
    },
    test: {
      projects: [
        {
          extends: true,
          test: {
            name: 'unit',
            environment: 'node',
            include: ['tests/unit/**/*.test.ts', 'tests/server/**/*.test.ts'],
          },
        },
        {
          extends: true,
          test: {
            name: 'component',
            environment: 'happy-dom',
            include: ['tests/component/**/*.test.ts'],
            setupFiles: ['tests/support/setupLanguage.ts'],
          },
        },
      ],
    },
  }
})
