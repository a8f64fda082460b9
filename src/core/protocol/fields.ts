/**
 * The rules both the socket's frames (frames.ts) and the HTTP answers (bodies.ts) are checked by:
 * a size limit, field kinds, and sentences that say where a value broke them.
 */

/** Frames and bodies above this size are dropped unread. */
export const MAX_INBOUND_CHARS = 256 * 1024

export type FieldKind = 'string' | 'number' | 'boolean' | 'object' | 'string-or-null' | 'string-array' | 'any'
export interface FieldRule {
  kind: FieldKind
  required: boolean
}
export type FieldSpec = Record<string, FieldRule>

export const required = (kind: FieldKind): FieldRule => ({ kind, required: true })
export const optional = (kind: FieldKind): FieldRule => ({ kind, required: false })

function hasKind(value: unknown, kind: FieldKind): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string'
    case 'number':
      // NaN and Infinity (JSON's 1e999) are numbers of the wrong range, not the wrong type: the
      // range rules below drop the field instead of the whole frame.
      return typeof value === 'number'
    case 'boolean':
      return typeof value === 'boolean'
    case 'object':
      return isRecord(value)
    case 'string-or-null':
      return value === null || typeof value === 'string'
    case 'string-array':
      return Array.isArray(value) && value.every((item) => typeof item === 'string')
    case 'any':
      return true
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The parser's own words on where the JSON broke ("Unexpected end of JSON input"). */
export function jsonError(error: unknown): string {
  // JSON.parse throws nothing but SyntaxError.
  return (error as SyntaxError).message
}

export function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value
}

/** The first field that breaks the spec, as a sentence; null when the object fits. */
export function checkFields(object: Record<string, unknown>, spec: FieldSpec, where: string): string | null {
  for (const [field, { kind, required: isRequired }] of Object.entries(spec)) {
    const value = object[field]
    if (value === undefined) {
      if (isRequired) return `${where}: missing field "${field}"`
      continue
    }
    if (!hasKind(value, kind)) {
      return `${where}: field "${field}" should be ${kind.replace(/-/g, ' ')}, got ${describe(value)}`
    }
  }
  return null
}
