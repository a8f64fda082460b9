import pluginVue from 'eslint-plugin-vue'
import { defineConfigWithVueTs, vueTsConfigs } from '@vue/eslint-config-typescript'

export default defineConfigWithVueTs(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-results/**', 'bench/results/**', 'reports/**', '.stryker-tmp/**'] },
  pluginVue.configs['flat/recommended'],
  vueTsConfigs.recommended,
  {
    rules: {
      // Server strings must never be rendered as HTML.
      'vue/no-v-html': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The tests use the tools; the tools, the bench and the scripts never reach into the tests.
    files: ['tools/**/*.{ts,js,mjs}', 'bench/**/*.{ts,js,mjs}', 'scripts/**/*.{ts,js,mjs}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '(^|/)tests(/|$)', message: 'Shared helpers live in tools/: move what is needed there.' }] }],
    },
  },
  {
    // The core is framework-free: it runs unchanged in Node (the storm bench, the simulator tests).
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/transports/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(vue|pinia|@vueuse/.*)$', message: 'src/core never imports Vue, Pinia or VueUse.' }] }],
    },
  },
  {
    // Types flow downward: a transport reports what it saw; the machine above decides.
    files: ['src/core/transports/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(vue|pinia|@vueuse/.*)$', message: 'src/core never imports Vue, Pinia or VueUse.' },
            { regex: '(^|/)machine(/|$)', message: 'Transports never import the machine: define the type in the transport and import it from above.' },
          ],
        },
      ],
    },
  },
)
