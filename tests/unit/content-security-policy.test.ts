import { readFileSync } from 'node:fs'
import { describe, expect, it, vi } from 'vitest'
import { contentSecurityPolicy, contentSecurityPolicyHeader, frameAncestors } from '../../build/contentSecurityPolicy'
import { deployValues } from '../../build/deployValues'
import type { ConfigEnv } from '../../src/core/config'
import { createEmbedNotifier, parentOrigins } from '../../src/core/embed'

const CUSTOM: ConfigEnv = {
  VITE_PAYMENT_WS_URL: 'ws://127.0.0.1:4100/ws/payment-monitor',
  VITE_PAYMENT_API_URL: 'http://127.0.0.1:4101/prefix',
  VITE_EMBED_PARENT_ORIGINS: 'https://shop.example, https://shop.example/checkout, http://localhost:5173',
}

/** The sources of one directive of a policy. */
function sources(policy: string, directive: string): string[] {
  const found = policy.split('; ').find((d) => d.startsWith(`${directive} `))
  return found === undefined ? [] : found.split(' ').slice(1)
}

describe('the built page’s Content-Security-Policy', () => {
  it('allows no inline script, no eval, and only the production endpoints by default', () => {
    const policy = contentSecurityPolicy({})
    expect(policy).toContain("script-src 'self'")
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/)
    expect(policy).toContain("connect-src 'self' wss://data.dlux.io https://data.dlux.io")
  })

  it('follows the endpoints the build was configured with', () => {
    expect(contentSecurityPolicy(CUSTOM)).toContain("connect-src 'self' ws://127.0.0.1:4100 http://127.0.0.1:4101")
  })

  it('leaves frame-ancestors out of the meta tag, where browsers ignore it', () => {
    expect(contentSecurityPolicy({})).not.toContain('frame-ancestors')
  })

  it('allows exactly the inline scripts it is given the hashes of, and still no unsafe-inline', () => {
    const policy = contentSecurityPolicy({}, ["'sha256-abc='"])
    expect(sources(policy, 'script-src')).toEqual(["'self'", "'sha256-abc='"])
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/)
  })

  it('sends the meta policy plus frame-ancestors as the header, leaving the script rules to the meta tag', () => {
    const header = contentSecurityPolicyHeader(CUSTOM)
    const meta = contentSecurityPolicy(CUSTOM, ["'sha256-abc='"]).split('; ')
    // The meta's script rules name the build's starter hash, which a config written once cannot know;
    // without default-src in the header, scripts fall back to nothing there, and the meta decides.
    expect(sources(header, 'script-src')).toEqual([])
    expect(sources(header, 'default-src')).toEqual([])
    expect(header.split('; ').filter((d) => !d.startsWith('frame-ancestors '))).toEqual(
      meta.filter((d) => !d.startsWith('script-src ') && !d.startsWith('default-src ')),
    )
    expect(sources(header, 'frame-ancestors')).toEqual(['https://shop.example', 'http://localhost:5173'])
  })
})

describe('embedding: one list for who may frame the page and who hears from it', () => {
  it.each([
    ['the default build', {}],
    ['a build with its own parents', CUSTOM],
  ])('frame-ancestors and the postMessage targets agree in %s', (_name, env: ConfigEnv) => {
    expect(sources(frameAncestors(env), 'frame-ancestors')).toEqual(parentOrigins(env.VITE_EMBED_PARENT_ORIGINS))
  })

  it('lets every DLUX site that may frame the page receive its status, www.dlux.io included', () => {
    const framers = sources(frameAncestors({}), 'frame-ancestors')
    expect(framers).toEqual(['https://dlux.io', 'https://www.dlux.io', 'https://vue.dlux.io'])
    for (const origin of framers) {
      const postMessage = vi.fn()
      const win = { parent: { postMessage }, location: { ancestorOrigins: [origin] } }
      createEmbedNotifier(win, parentOrigins(undefined)).notify({ channelId: 'chan12345', status: 'completed', progress: 100 })
      expect(postMessage, origin).toHaveBeenCalledWith(expect.objectContaining({ status: 'completed' }), origin)
    }
  })

  // The shipped server configs carry the header policy with the endpoints and the framing sites left
  // as placeholders; filled in with a build's values they must be exactly what that build makes.
  it.each([
    ['deploy/nginx.conf', 'the default build', {}],
    ['deploy/Caddyfile', 'the default build', {}],
    ['deploy/nginx.conf', 'a build framed by its own sites', { VITE_EMBED_PARENT_ORIGINS: 'https://shop.example', VITE_PAYMENT_WS_URL: 'wss://pay.example/ws' }],
    ['deploy/Caddyfile', 'a build framed by its own sites', { VITE_EMBED_PARENT_ORIGINS: 'https://shop.example', VITE_PAYMENT_WS_URL: 'wss://pay.example/ws' }],
  ])('%s sends the header policy of %s', (file, _build, env: ConfigEnv) => {
    const config = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')
    const shipped = /Content-Security-Policy "([^"]+)"/.exec(config)?.[1] ?? ''
    const values = deployValues(env)
    const filled = shipped.replace('${CSP_CONNECT_SRC}', values.CSP_CONNECT_SRC).replace('${CSP_FRAME_ANCESTORS}', values.CSP_FRAME_ANCESTORS)
    expect(filled).toBe(contentSecurityPolicyHeader(env))
  })

  it('names no framing site in the shipped configs: only the build decides who may frame it', () => {
    for (const file of ['deploy/nginx.conf', 'deploy/Caddyfile']) {
      const config = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')
      expect(/frame-ancestors ([^;"]+)/.exec(config)?.[1], file).toBe('${CSP_FRAME_ANCESTORS}')
    }
    expect(deployValues({ VITE_EMBED_PARENT_ORIGINS: 'https://shop.example' }).CSP_FRAME_ANCESTORS).toBe('https://shop.example')
  })
})
