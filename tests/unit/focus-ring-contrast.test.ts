import { describe, expect, it } from 'vitest'
import { BACKGROUNDS, DARK_TOKENS as dark, LIGHT_TOKENS as light, MAIN_CSS as css, contrast } from '../support/colourContrast'

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
