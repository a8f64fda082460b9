import pluginVue from 'eslint-plugin-vue'
import { defineConfigWithVueTs, vueTsConfigs } from '@vue/eslint-config-typescript'

/**
 * The rooms of `src/`, from the bottom up (docs/architecture.md). A file may import from its own
 * room and from the rooms below it, never from a room above: types and data flow down, so every
 * arrow in the import graph points the same way. The boot files, `main.ts` and `App.vue` sit on top.
 */
export const ROOMS = [
  { name: 'core', files: ['src/core/*.ts'], why: 'clocks, settings, formatting and the event log serve every layer' },
  { name: 'i18n', files: ['src/core/i18n/**'], why: 'the languages, their words and their formats serve every layer above and know none of them' },
  { name: 'protocol', files: ['src/core/protocol/**'], why: 'the wire protocol knows nothing of how it is carried' },
  { name: 'payment', files: ['src/core/payment/**'], why: 'payment facts read the protocol and nothing else' },
  { name: 'transports', files: ['src/core/transports/**'], why: 'a transport reports what it saw; the machine above decides' },
  { name: 'prestart', files: ['src/core/prestart/**'], why: 'the pre-started socket and request wrap transports for the machine' },
  { name: 'machine', files: ['src/core/machine/**'], why: 'the machine records; diagnostics above it judge' },
  { name: 'diagnostics', files: ['src/core/diagnostics/**'], why: 'diagnostics only read what the machine recorded' },
  { name: 'view', files: ['src/view/**'], why: 'view models are plain functions of a snapshot' },
  { name: 'stores', files: ['src/stores/**'], why: 'the store owns the monitor and knows no component' },
  { name: 'composables', files: ['src/composables/**'], why: 'composables wrap the store and the view models' },
  { name: 'components', files: ['src/components/**'], why: 'components render their props' },
  { name: 'pages', files: ['src/pages/**'], why: 'a page lays out components' },
]

/** How a relative import names a file in a room above the bottom one: by the room's folder. */
const SPECIFIER = {
  i18n: '(^|/)i18n/',
  protocol: '(^|/)protocol/',
  payment: '(^|/)payment/',
  transports: '(^|/)transports/',
  prestart: '(^|/)prestart/',
  machine: '(^|/)machine/',
  diagnostics: '(^|/)diagnostics/',
  view: '(^|/)view/',
  stores: '(^|/)stores/',
  composables: '(^|/)composables/',
  components: '(^|/)components/',
  pages: '(^|/)pages/',
}
const TOP = '(^|/)boot/|(^|/)main$|(^|/)App\\.vue$'
const FRAMEWORK = { regex: '^(vue|pinia|@vueuse/.*)$', message: 'Framework-free: src/core and src/view never import Vue, Pinia or VueUse; a composable or component wraps them.' }
const FRAMEWORK_FREE = new Set(['core', 'i18n', 'protocol', 'payment', 'transports', 'prestart', 'machine', 'diagnostics', 'view'])

/** One block per room: every room above it, the top, and (where it applies) the framework. */
function layeringBlocks() {
  return ROOMS.map((room, index) => {
    const above = ROOMS.slice(index + 1)
    const patterns = above.map((upper) => ({
      regex: SPECIFIER[upper.name],
      message: `${room.name} sits below ${upper.name}: ${room.why}. Move the shared type or function down, or the caller up.`,
    }))
    patterns.push({ regex: TOP, message: `${room.name} never imports the boot files, main.ts or App.vue: they sit on top.` })
    if (FRAMEWORK_FREE.has(room.name)) patterns.push(FRAMEWORK)
    return { files: room.files.map((glob) => (glob.endsWith('**') ? `${glob}/*.{ts,vue}` : glob)), rules: { 'no-restricted-imports': ['error', { patterns }] } }
  })
}

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
  ...layeringBlocks(),
  {
    // The tests use the tools; the tools, the bench and the scripts never reach into the tests.
    files: ['tools/**/*.{ts,js,mjs}', 'bench/**/*.{ts,js,mjs}', 'scripts/**/*.{ts,js,mjs}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '(^|/)tests(/|$)', message: 'Shared helpers live in tools/: move what is needed there.' }] }],
    },
  },
)
