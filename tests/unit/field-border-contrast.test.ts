import { describe, expect, it } from 'vitest'
import { BACKGROUNDS, DARK_TOKENS as dark, LIGHT_TOKENS as light, MAIN_CSS as css, contrast } from '../support/colourContrast'

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
