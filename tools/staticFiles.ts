/**
 * Serving a build's files from Node (the end-to-end tests' static server, the bench's site, the
 * production-restart script's front): which file a URL path names, never one outside the root,
 * and its content type.
 */
import { statSync } from 'node:fs'
import path from 'node:path'

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
}

/** The content type of a file by its extension; unknown ones as bytes. */
export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream'
}

/**
 * The file a URL path names under `root`, or null: not a file, a malformed escape, or a path that
 * climbs out of `root` (`/../etc/passwd`, `/%2e%2e/…`).
 */
export function fileUnder(root: string, pathname: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return null
  }
  const file = path.resolve(root, `.${path.posix.normalize(decoded)}`)
  if (file !== root && !file.startsWith(root + path.sep)) return null
  try {
    return statSync(file).isFile() ? file : null
  } catch {
    return null
  }
}
