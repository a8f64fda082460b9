/** The page's colour tokens, light and dark, as src/assets/main.css defines them, and WCAG contrast. */
import { readFileSync } from 'node:fs'

export const MAIN_CSS = readFileSync(new URL('../../src/assets/main.css', import.meta.url), 'utf8')
const darkStart = MAIN_CSS.indexOf('@media (prefers-color-scheme: dark)')

function tokens(block: string): Record<string, string> {
  return Object.fromEntries([...block.matchAll(/--([a-z-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1]!, m[2]!]))
}

export const LIGHT_TOKENS = tokens(MAIN_CSS.slice(0, darkStart))
/** Dark mode overrides some tokens and keeps the rest. */
export const DARK_TOKENS = { ...LIGHT_TOKENS, ...tokens(MAIN_CSS.slice(darkStart, MAIN_CSS.indexOf('}\n}', darkStart))) }

/** Every background a control sits on: the page, cards, and the tinted panels. */
export const BACKGROUNDS = ['bg', 'surface', 'ok-bg', 'warn-bg', 'bad-bg', 'info-bg']

/** WCAG relative luminance. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
}

/** WCAG contrast ratio of two `#rrggbb` colours. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi! + 0.05) / (lo! + 0.05)
}
