/** Serving a build from Node never hands out a file outside the build. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { contentTypeOf, fileUnder } from '../../tools/staticFiles'

const root = mkdtempSync(path.join(tmpdir(), 'static-files-'))
mkdirSync(path.join(root, 'assets'))
writeFileSync(path.join(root, 'index.html'), '<!doctype html>')
writeFileSync(path.join(root, 'assets', 'a b.js'), '')
writeFileSync(path.join(tmpdir(), 'outside-static-root.txt'), 'secret')
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('fileUnder', () => {
  it('finds a file by its URL path, escapes decoded', () => {
    expect(fileUnder(root, '/index.html')).toBe(path.join(root, 'index.html'))
    expect(fileUnder(root, '/assets/a%20b.js')).toBe(path.join(root, 'assets', 'a b.js'))
  })

  it.each([
    ['a folder', '/assets'],
    ['a missing file', '/nope.js'],
    ['a malformed escape', '/%E0%A4%A'],
    ['a climb out', '/../outside-static-root.txt'],
    ['an escaped climb out', '/%2e%2e/outside-static-root.txt'],
  ])('finds nothing for %s', (_label, pathname) => {
    expect(fileUnder(root, pathname)).toBeNull()
  })
})

describe('contentTypeOf', () => {
  it('names the page\'s types and sends the rest as bytes', () => {
    expect(contentTypeOf('/x/index.html')).toBe('text/html; charset=utf-8')
    expect(contentTypeOf('/x/app.js')).toBe('text/javascript; charset=utf-8')
    expect(contentTypeOf('/x/data.bin')).toBe('application/octet-stream')
  })
})
