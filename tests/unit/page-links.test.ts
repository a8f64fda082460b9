import { describe, expect, it } from 'vitest'
import { DEFAULT_CONTINUE_URL, DEFAULT_START_URL, httpsUrl, readLinks } from '../../src/core/links'

describe('build-time page links', () => {
  it('defaults to the onboarding page, the DLUX home and no support link', () => {
    expect(readLinks({})).toEqual({ startUrl: DEFAULT_START_URL, continueUrl: DEFAULT_CONTINUE_URL, supportUrl: null })
    expect(DEFAULT_START_URL).toBe('https://vue.dlux.io/qr')
    expect(DEFAULT_CONTINUE_URL).toBe('https://vue.dlux.io/')
  })

  it('takes https URLs', () => {
    expect(
      readLinks({
        VITE_START_URL: 'https://example.org/start',
        VITE_CONTINUE_URL: ' https://example.org/next?from=pay ',
        VITE_SUPPORT_URL: 'https://example.org/help#payments',
      }),
    ).toEqual({
      startUrl: 'https://example.org/start',
      continueUrl: 'https://example.org/next?from=pay',
      supportUrl: 'https://example.org/help#payments',
    })
  })

  it('refuses anything that is not an absolute https URL without credentials', () => {
    for (const bad of ['http://example.org/', 'javascript:alert(1)', '/relative', 'example.org', 'https://user:pw@example.org/', 'data:text/html,x', '']) {
      expect(httpsUrl(bad), bad).toBeNull()
    }
    expect(readLinks({ VITE_START_URL: 'http://example.org/', VITE_SUPPORT_URL: 'javascript:alert(1)' })).toEqual({
      startUrl: DEFAULT_START_URL,
      continueUrl: DEFAULT_CONTINUE_URL,
      supportUrl: null,
    })
  })
})
