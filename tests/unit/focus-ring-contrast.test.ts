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

// Every background a focusable element sits on: the page, cards, and the tinted panels.
const BACKGROUNDS = ['bg', 'surface', 'ok-bg', 'warn-bg', 'bad-bg', 'info-bg']

describe('focus ring', () => {
  it.each([
    ['light', light],
    ['dark', dark],
  ])('has at least 3:1 against every background in %s mode', (_mode, t) => {
    expect(t.focus).toMatch(/^#/)
    for (const bg of BACKGROUNDS) {
      expect(contrast(t.focus!, t[bg]!), `--focus on --${bg}`).toBeGreaterThanOrEqual(3)
    }
  })

  it('is drawn with the focus token on every focusable element', () => {
    expect(css).toMatch(/:focus-visible\s*{\s*outline:\s*3px solid var\(--focus\)/)
  })
})
