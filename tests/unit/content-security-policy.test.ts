import { describe, expect, it } from 'vitest'
import { contentSecurityPolicy } from '../../build/contentSecurityPolicy'

describe('the built page’s Content-Security-Policy', () => {
  it('allows no inline script, no eval, and only the production endpoints by default', () => {
    const policy = contentSecurityPolicy({})
    expect(policy).toContain("script-src 'self'")
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/)
    expect(policy).toContain("connect-src 'self' wss://data.dlux.io https://data.dlux.io")
  })

  it('follows the endpoints the build was configured with', () => {
    const policy = contentSecurityPolicy({
      VITE_PAYMENT_WS_URL: 'ws://127.0.0.1:4100/ws/payment-monitor',
      VITE_PAYMENT_API_URL: 'http://127.0.0.1:4101/prefix',
    })
    expect(policy).toContain("connect-src 'self' ws://127.0.0.1:4100 http://127.0.0.1:4101")
  })
})
