/**
 * Inlines the starter (src/boot/inlineStarter.ts → starter.ts) into the built index.html as a
 * classic `<script>` in `<head>`, ahead of every file, so the first status request and the socket start as
 * soon as the HTML is parsed instead of after the entry has downloaded: one round trip sooner on a
 * phone. The starter is built on its own, with this build's mode and variables, into one
 * self-contained minified script; its `sha256-…` goes into the page's CSP (`script-src`), which
 * otherwise allows no inline script at all.
 *
 * The page also gets a `<meta>` naming each language's first-screen words chunk, which the starter
 * preloads for the page's language (build/firstWordsMeta.ts).
 *
 * Under `vite dev` the same module runs as the page's first module script instead (the dev server
 * has no CSP, and module scripts run in document order, so it still runs before the entry).
 */
import { createHash } from 'node:crypto'
import path from 'node:path'
import { build, type Plugin, type ResolvedConfig, type Rolldown } from 'vite'
import { firstWordsMetaTag, firstWordsUrls } from './firstWordsMeta.js'

export const STARTER_ENTRY = 'src/boot/inlineStarter.ts'

/** The CSP source that allows exactly this script text. */
export function scriptHashSource(code: string): string {
  return `'sha256-${createHash('sha256').update(code, 'utf8').digest('base64')}'`
}

/** Builds the starter with the app's root, mode and variables into one minified IIFE. */
export async function buildStarter(config: Pick<ResolvedConfig, 'root' | 'mode' | 'envDir' | 'envPrefix'>): Promise<string> {
  const result = await build({
    configFile: false,
    root: config.root,
    mode: config.mode,
    envDir: config.envDir,
    envPrefix: config.envPrefix,
    logLevel: 'warn',
    build: {
      write: false,
      target: 'es2022',
      minify: true,
      lib: { entry: path.resolve(config.root, STARTER_ENTRY), formats: ['iife'], name: 'dluxStarter', fileName: 'starter' },
      rolldownOptions: { output: { inlineDynamicImports: true } },
    },
  })
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[]
  const chunks = outputs.flatMap((out) => out.output).filter((item): item is Rolldown.OutputChunk => item.type === 'chunk')
  if (chunks.length !== 1 || !chunks[0]) throw new Error(`inline starter: expected one chunk, got ${chunks.length}`)
  // `</script` inside the code would end the inline script early; the starter never has it.
  const code = chunks[0].code.trim()
  if (/<\/script/i.test(code)) throw new Error('inline starter: the code contains </script')
  return code
}

/**
 * The page with the starter placed before its first stylesheet and module script: after the
 * `<meta charset>` (which must come within the first 1024 bytes), and before any stylesheet, since
 * an inline script waits for the stylesheets above it to load. `before` (what the starter reads,
 * such as the first-screen words' `<meta>`) goes right above it.
 */
export function withStarter(html: string, code: string, before = ''): string {
  const at = Math.min(...[/<link rel="stylesheet"/.exec(html)?.index, /<script type="module"/.exec(html)?.index].map((i) => i ?? Infinity))
  if (!Number.isFinite(at)) throw new Error('inline starter: index.html has no stylesheet or module script to put the starter before')
  return `${html.slice(0, at)}${before ? `${before}\n    ` : ''}<script>${code}</script>\n    ${html.slice(at)}`
}

export interface InlineStarter {
  plugin: Plugin
  /** The CSP sources of the inlined scripts (empty until the build has made the starter). */
  scriptSources(): string[]
}

export function inlineStarter(): InlineStarter {
  let config: ResolvedConfig | null = null
  let code: string | null = null
  const plugin: Plugin = {
    name: 'dlux-inline-starter',
    configResolved(resolved) {
      config = resolved
    },
    async buildStart() {
      if (config?.command === 'build') code = await buildStarter(config)
    },
    transformIndexHtml: {
      order: 'post',
      handler: (html, context) => {
        if (config?.command === 'serve') return [{ tag: 'script', attrs: { type: 'module', src: `/${STARTER_ENTRY}` }, injectTo: 'head-prepend' }]
        if (code === null) return html
        const words = context.bundle && config ? firstWordsMetaTag(firstWordsUrls(context.bundle, config.base)) : ''
        return withStarter(html, code, words)
      },
    },
  }
  return { plugin, scriptSources: () => (code === null ? [] : [scriptHashSource(code)]) }
}
