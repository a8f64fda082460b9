import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

// The page's colour tokens, light and dark, as the stylesheet defines them.
const css = readFileSync(new URL('../../src/assets/main.css', import.meta.url), 'utf8')
const darkStart = css.indexOf('@media (prefers-color-scheme: dark)')

function tokens(block: string): Record<string, string> {
  return Object.fromEntries([...block.matchAll(/--([a-z-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1]!, m[2]!]))
}
const light = tokens(css.slice(0, darkStart))
const dark = { ...light, ...tokens(css.slice(darkStart, css.indexOf('}\n}', darkStart))) }

/** WCAG relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi! + 0.05) / (lo! + 0.05)
}

// Every background a field or a secondary button sits on: the page, cards, and the tinted panels.
const BACKGROUNDS = ['bg', 'surface', 'ok-bg', 'warn-bg', 'bad-bg', 'info-bg']

describe('borders of fields and secondary buttons (WCAG 1.4.11)', () => {
  it.each([
    ['light', light],
    ['dark', dark],
  ])('have at least 3:1 against every background in %s mode', (_mode, t) => {
    expect(t['field-border']).toMatch(/^#/)
    for (const bg of BACKGROUNDS) {
      expect(contrast(t['field-border']!, t[bg]!), `--field-border on --${bg}`).toBeGreaterThanOrEqual(3)
    }
  })

  it('are drawn with the field-border token on buttons, text fields and secondary button links', () => {
    expect(css).toMatch(/\nbutton {[^}]*border: 1px solid var\(--field-border\)/)
    expect(css).toMatch(/input\[type='text'\] {[^}]*border: 1px solid var\(--field-border\)/)
    expect(css).toMatch(/\.button-link\.secondary {[^}]*border: 1px solid var\(--field-border\)/)
  })
})
