/** Types for render.mjs (plain JavaScript so that a deploy host needs nothing but Node). */

/** The placeholder names a template uses, each once, in order of first use. */
export function placeholders(template: string): string[]

/** The template with every `${NAME}` replaced; throws on a missing or an unused value. */
export function render(template: string, values: Readonly<Record<string, string>>): string
