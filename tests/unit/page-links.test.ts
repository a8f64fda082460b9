import { describe, expect, it } from 'vitest'
import { DEFAULT_CONTINUE_URL, DEFAULT_START_URL, DEFAULT_SUPPORT_URL, httpsUrl, readLinks, supportUrlFor } from '../../src/core/links'
import { checkLinks } from '../../build/checkLinks'

describe('build-time page links', () => {
  it("defaults to the onboarding page, the DLUX home and DLUX's community chat for support", () => {
    expect(readLinks({})).toEqual({ startUrl: DEFAULT_START_URL, continueUrl: DEFAULT_CONTINUE_URL, supportUrl: DEFAULT_SUPPORT_URL })
    expect(DEFAULT_SUPPORT_URL).toBe('https://discord.gg/Beeb38j')
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
    expect(readLinks({ VITE_START_URL: 'http://example.org/', VITE_CONTINUE_URL: 'javascript:alert(1)' })).toEqual({
      startUrl: DEFAULT_START_URL,
      continueUrl: DEFAULT_CONTINUE_URL,
      supportUrl: DEFAULT_SUPPORT_URL,
    })
  })
})

describe('the support link (VITE_SUPPORT_URL)', () => {
  it('is hidden by an empty value', () => {
    expect(supportUrlFor('')).toBeNull()
    expect(supportUrlFor('  ')).toBeNull()
    expect(readLinks({ VITE_SUPPORT_URL: '' }).supportUrl).toBeNull()
  })

  it('takes https anywhere and http on localhost only', () => {
    expect(supportUrlFor('https://example.org/help')).toBe('https://example.org/help')
    expect(supportUrlFor('http://localhost:8080/help')).toBe('http://localhost:8080/help')
    expect(supportUrlFor('http://127.0.0.1/help')).toBe('http://127.0.0.1/help')
  })

  it.each(['http://example.org/help', 'javascript:alert(1)', 'discord.gg/Beeb38j', '/help', 'https://user:pw@example.org/', 'mailto:help@dlux.io'])(
    'fails the build on %s, naming the variable and the rule',
    (bad) => {
      expect(() => supportUrlFor(bad)).toThrow(/VITE_SUPPORT_URL must be an absolute https: URL \(http: only on localhost\), or empty/)
      expect(() => checkLinks({ VITE_SUPPORT_URL: bad })).toThrow(/VITE_SUPPORT_URL/)
    },
  )
})
