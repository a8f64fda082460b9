/**
 * Where the starter goes in index.html: after the charset (first 1024 bytes), before the first
 * stylesheet (an inline script waits for the stylesheets above it) and before the entry; and its
 * CSP source is the hash of exactly the text inlined.
 */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { scriptHashSource, withStarter } from '../../build/inlineStarter'

const PAGE = [
  '<head>',
  '<meta charset="UTF-8" />',
  '<title>t</title>',
  '<script type="module" crossorigin src="/assets/index-a.js"></script>',
  '<link rel="stylesheet" crossorigin href="/assets/index-b.css">',
  '</head>',
].join('\n')

describe('the inline starter', () => {
  it('goes before the first stylesheet or module script, whichever comes first, and after the charset', () => {
    const page = withStarter(PAGE, 'go()')
    expect(page.indexOf('<script>go()</script>')).toBeGreaterThan(page.indexOf('<meta charset'))
    expect(page.indexOf('<script>go()</script>')).toBeLessThan(page.indexOf('<script type="module"'))
    const cssFirst = PAGE.replace(/(<script type="module".*\n)(<link.*\n)/, '$2$1')
    const page2 = withStarter(cssFirst, 'go()')
    expect(page2.indexOf('<script>go()</script>')).toBeLessThan(page2.indexOf('rel="stylesheet"'))
  })

  it('refuses a page with nothing to go before', () => {
    expect(() => withStarter('<head><title>t</title></head>', 'go()')).toThrow(/no stylesheet or module script/)
  })

  it('is allowed by the sha256 of exactly its text', () => {
    const digest = createHash('sha256').update('go()', 'utf8').digest('base64')
    expect(scriptHashSource('go()')).toBe(`'sha256-${digest}'`)
    expect(scriptHashSource('go() ')).not.toBe(scriptHashSource('go()'))
  })
})
