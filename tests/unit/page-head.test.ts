import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const html = readFileSync(new URL('../../index.html', import.meta.url), 'utf8')

describe('the page head', () => {
  it('keeps one payer\'s payment out of search indexes', () => {
    expect(html).toMatch(/<meta name="robots" content="noindex" \/>/)
  })

  it('describes the page', () => {
    const description = /<meta name="description" content="([^"]+)" \/>/.exec(html)?.[1] ?? ''
    expect(description).toMatch(/HIVE account payment/)
    expect(description.length).toBeLessThanOrEqual(160)
  })
})
