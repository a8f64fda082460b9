/**
 * The shape of the code: no import circle in src/, every import pointing down the rooms of
 * eslint.config.js (docs/architecture.md), and no source file over 300 lines. Each rule is shown
 * failing on a deliberate violation, so a rule that stops working turns this file red.
 */
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { ESLint } from 'eslint'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importCircles, importGraph } from '../../tools/importGraph'

const ROOT = resolve(__dirname, '../..')
const MAX_LINES = 300

describe('import circles', () => {
  it('src/ has none, type-only and dynamic imports included', () => {
    expect(importCircles(importGraph(ROOT, 'src'))).toEqual([])
  })

  const fixture = mkdtempSync(join(tmpdir(), 'import-circle-'))
  afterAll(() => rmSync(fixture, { recursive: true, force: true }))

  it('are found when two files import each other, even for a type only', () => {
    mkdirSync(join(fixture, 'src/core'), { recursive: true })
    writeFileSync(join(fixture, 'src/core/a.ts'), "import type { B } from './b'\nexport type A = B\n")
    writeFileSync(join(fixture, 'src/core/b.ts'), "import { a } from './c.js'\nexport type B = string\nexport const b = a\n")
    writeFileSync(join(fixture, 'src/core/c.ts'), "export const a = () => import('./a')\n")
    writeFileSync(join(fixture, 'src/core/d.ts'), "import { b } from './b'\nexport const d = b\n")
    expect(importCircles(importGraph(fixture, 'src'))).toEqual([['src/core/a.ts', 'src/core/b.ts', 'src/core/c.ts']])
  })
})

describe('the layering lint', () => {
  const eslint = new ESLint({ cwd: ROOT })
  // Loading the config and the TypeScript parser takes seconds on a busy machine: once, up front.
  beforeAll(() => eslint.lintText('export {}\n', { filePath: 'src/core/warm-up.ts' }), 60_000)
  const restricted = async (filePath: string, code: string): Promise<string[]> => {
    const [result] = await eslint.lintText(code, { filePath })
    return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
  }

  it.each([
    ['a transport importing diagnostics', 'src/core/transports/probe.ts', "import { hintsFor } from '../diagnostics/hints'", /transports sits below diagnostics/],
    ['the machine importing diagnostics', 'src/core/machine/probe.ts', "import type { Hint } from '../diagnostics/hints'", /machine sits below diagnostics/],
    ['the protocol importing the machine', 'src/core/protocol/probe.ts', "import type { MonitorSnapshot } from '../machine/snapshot'", /protocol sits below machine/],
    ['a transport importing the machine', 'src/core/transports/probe.ts', "import type { MonitorSnapshot } from '../machine/snapshot'", /transports sits below machine/],
    ['the core importing payment facts', 'src/core/probe.ts', "import { exactAmount } from './payment/amount'", /core sits below payment/],
    ['a view model importing Vue', 'src/view/probe.ts', "import { ref } from 'vue'", /Framework-free/],
    ['the core importing VueUse', 'src/core/machine/probe.ts', "import { useNow } from '@vueuse/core'", /Framework-free/],
    ['a view model importing a composable', 'src/view/probe.ts', "import { usePaymentMonitor } from '../composables/usePaymentMonitor'", /view sits below composables/],
    ['the store importing a component', 'src/stores/probe.ts', "import Badge from '../components/connection/ConnectionBadge.vue'", /stores sits below components/],
    ['a component importing a page', 'src/components/payment/Probe.vue', "import Page from '../../pages/PaymentMonitorPage.vue'", /components sits below pages/],
    ['the core importing the boot files', 'src/core/prestart/probe.ts', "import { firstScreen } from '../../boot/firstScreen'", /sit on top/],
  ])('fails %s', async (_, filePath, line, message) => {
    const code = filePath.endsWith('.vue') ? `<script setup lang="ts">\n${line}\n</script>\n` : `${line}\n`
    expect(await restricted(filePath, code)).toEqual([expect.stringMatching(message)])
  })

  it.each([
    ['the machine importing a transport', 'src/core/machine/probe.ts', "import type { FetchLike } from '../transports/transport'"],
    ['diagnostics importing the machine', 'src/core/diagnostics/probe.ts', "import type { MonitorSnapshot } from '../machine/snapshot'"],
    ['a view model importing diagnostics', 'src/view/probe.ts', "import { hintsFor } from '../core/diagnostics/hints'"],
    ['a page importing a payment component', 'src/pages/Probe.vue', "import Card from '../components/payment/PaymentStatusCard.vue'"],
    ['the boot files importing anything', 'src/boot/probe.ts', "import App from '../App.vue'"],
  ])('allows %s', async (_, filePath, line) => {
    const code = filePath.endsWith('.vue') ? `<script setup lang="ts">\n${line}\n</script>\n` : `${line}\n`
    expect(await restricted(filePath, code)).toEqual([])
  })
})

describe('one home for every name', () => {
  // `export { x } from`, `export *` and `export { x }` after an import all give a name a second home.
  const REEXPORT = /^export\s+(type\s+)?(\*|\{[^}]*\})/m

  it('no file in src/ re-exports a name: each is imported from the file that defines it', () => {
    const files = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter((name) => /\.(ts|vue)$/.test(name))
    expect(files.filter((name) => REEXPORT.test(readFileSync(join(ROOT, 'src', name), 'utf8')))).toEqual([])
  })

  it.each([
    "export { isEmbedded } from './embedded'",
    "export type { SocketAttempt } from './socketAttempt'",
    "export * from './pathVerdicts'",
    'import { isEmbedded } from "./embedded"\nexport { isEmbedded }',
  ])('sees a re-export in %s', (code) => {
    expect(REEXPORT.test(code)).toBe(true)
  })
})

describe('file size', () => {
  const files = (folder: string): string[] =>
    readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
      .filter((name) => /\.(ts|vue|mjs)$/.test(name))
      .map((name) => join(folder, name))

  it.each(['src', 'server'])(`no source file in %s/ is over ${MAX_LINES} lines`, (folder) => {
    const long = files(folder)
      .map((file) => ({ file, lines: readFileSync(join(ROOT, file), 'utf8').split('\n').length - 1 }))
      .filter(({ lines }) => lines > MAX_LINES)
    expect(long).toEqual([])
  })
})
