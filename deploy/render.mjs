#!/usr/bin/env node
// Fills the ${NAME} placeholders of a deploy template (nginx.conf, Caddyfile). Strict both ways: a
// placeholder without a value and a value without a placeholder are errors, so a typo cannot ship.
// Only upper-case names are placeholders; nginx's own `$variables` are left alone.
//
//   node deploy/render.mjs deploy/nginx.conf LISTEN=127.0.0.1:8080 SERVER_NAME=_ ... > site.conf
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const PLACEHOLDER = /\$\{([A-Z][A-Z0-9_]*)\}/g

/** The placeholder names a template uses, each once, in order of first use. */
export function placeholders(template) {
  return [...new Set(Array.from(template.matchAll(PLACEHOLDER), (match) => match[1]))]
}

/** The template with every placeholder replaced; throws on a missing or an unused value. */
export function render(template, values) {
  const names = placeholders(template)
  const missing = names.filter((name) => !Object.hasOwn(values, name))
  const unused = Object.keys(values).filter((name) => !names.includes(name))
  if (missing.length > 0) throw new Error(`render: no value for ${missing.join(', ')}`)
  if (unused.length > 0) throw new Error(`render: no placeholder for ${unused.join(', ')}`)
  for (const [name, value] of Object.entries(values)) {
    if (/[\r\n]/.test(value)) throw new Error(`render: value of ${name} spans lines`)
  }
  return template.replace(PLACEHOLDER, (_match, name) => values[name])
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, ...pairs] = process.argv.slice(2)
  if (!file) {
    console.error('usage: node deploy/render.mjs <template> NAME=value ...')
    process.exit(2)
  }
  const values = {}
  for (const pair of pairs) {
    const eq = pair.indexOf('=')
    if (eq < 1) {
      console.error(`render: expected NAME=value, got ${pair}`)
      process.exit(2)
    }
    values[pair.slice(0, eq)] = pair.slice(eq + 1)
  }
  try {
    process.stdout.write(render(readFileSync(file, 'utf8'), values))
  } catch (error) {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  }
}
