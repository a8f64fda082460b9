import { describe, expect, it } from 'vitest'
import type { PaymentStatus } from '../../src/core/protocol/status'
import {
  MAX_SERVER_TEXT_CHARS,
  MAX_VALUE_CHARS,
  QUIET_HELP_AFTER_MS,
  cleanLine,
  helpSituation,
  helpView,
  paymentPageUrl,
  supportDetailsText,
  type SupportTextInput,
} from '../../src/view/supportView'
import { BTC_ADDRESS, NOW, TX, makeStatus } from '../component/fixtures'
import { english, translatorFor } from '../support/i18n'
import { statusTitle } from '../../src/view/paymentWording'

const CHANNEL = 'ch_0123456789abcdef0123456789abcdef'
const ADDRESS = BTC_ADDRESS

/** The card's status without a server message: the support text must not depend on one. */
function status(overrides: Partial<PaymentStatus> = {}): PaymentStatus {
  return makeStatus({ message: '', ...overrides })
}

function input(overrides: Partial<SupportTextInput> = {}): SupportTextInput {
  return {
    channelId: CHANNEL,
    status: status(),
    notFound: false,
    lastUpdateAt: NOW,
    serverClockOffsetMs: 0,
    pageUrl: paymentPageUrl('https://vue.dlux.io', '/', CHANNEL),
    ...overrides,
  }
}

const at = { now: NOW, watchingSince: NOW, hasSupport: true }

describe('help on a dead end: the situation', () => {
  it('is failed, expired (paid or not), or not found at those statuses', () => {
    expect(helpSituation(input({ status: status({ code: 'failed' }) }), NOW, NOW)).toBe('failed')
    expect(helpSituation(input({ status: status({ code: 'expired' }) }), NOW, NOW)).toBe('expired')
    expect(helpSituation(input({ status: status({ code: 'expired', txHash: TX }) }), NOW, NOW)).toBe('expired_paid')
    expect(helpSituation(input({ notFound: true, status: null }), NOW, NOW)).toBe('not_found')
  })

  it('needs no help while updates come, nor once completed, nor without a channel', () => {
    expect(helpSituation(input(), NOW + 60_000, NOW)).toBeNull()
    expect(helpSituation(input({ status: status({ code: 'completed' }), lastUpdateAt: NOW }), NOW + 10 * 60_000, NOW)).toBeNull()
    expect(helpSituation(input({ channelId: null }), NOW, NOW)).toBeNull()
  })

  it('is quiet after 2 minutes without an update on a payment that is not over', () => {
    expect(helpSituation(input({ status: status({ code: 'confirming' }) }), NOW + QUIET_HELP_AFTER_MS - 1, NOW)).toBeNull()
    expect(helpSituation(input({ status: status({ code: 'confirming' }) }), NOW + QUIET_HELP_AFTER_MS, NOW)).toBe('quiet')
    // Nothing ever arrived: counted from when the page started watching.
    expect(helpSituation(input({ status: null, lastUpdateAt: null }), NOW + QUIET_HELP_AFTER_MS, NOW)).toBe('quiet')
    expect(helpSituation(input({ status: null, lastUpdateAt: null }), NOW + 1000, NOW)).toBeNull()
  })
})

describe('help on a dead end: the words', () => {
  const words = (i: SupportTextInput, hasSupport = true) => helpView(i, { ...at, hasSupport }, english)?.advice.join(' ') ?? ''

  it('never sends the payer to the developer panel', () => {
    for (const i of [
      input({ status: status({ code: 'failed', txHash: TX }) }),
      input({ status: status({ code: 'expired' }) }),
      input({ status: status({ code: 'expired', txHash: TX }) }),
      input({ notFound: true, status: null }),
    ]) {
      expect(words(i)).not.toMatch(/connection details|report|developer/i)
      expect(words(i)).toMatch(/do not (send it|pay) again/i)
    }
  })

  it('tells each situation apart', () => {
    expect(words(input({ status: status({ code: 'failed' }) }))).toMatch(/already sent the payment/)
    expect(words(input({ status: status({ code: 'expired' }) }))).toMatch(/If you have not paid yet, nothing is lost/)
    expect(words(input({ status: status({ code: 'expired' }) }))).toMatch(/If you did pay/)
    expect(words(input({ status: status({ code: 'expired', txHash: TX }) }))).toMatch(/A payment was seen/)
    expect(words(input({ notFound: true, status: null }))).toMatch(/does not know this reference/)
  })

  it('asks to keep the details when there is no support link', () => {
    expect(words(input({ status: status({ code: 'failed' }) }), false)).toMatch(/keep them for DLUX support/)
    expect(words(input({ status: status({ code: 'failed' }) }), true)).toMatch(/send them to DLUX support/)
  })

  it('gives the reference and the hash in full, shortened for the eye', () => {
    const help = helpView(input({ status: status({ code: 'failed', txHash: TX }) }), at, english)!
    expect(help.reference).toEqual({ full: CHANNEL, short: 'ch_01234…abcdef' })
    expect(help.txHash).toEqual({ full: TX, short: 'a1b2c3d4…7e8f90' })
    expect(helpView(input({ status: status({ code: 'failed' }) }), at, english)!.txHash).toBeNull()
  })
})

describe('details for support (plain text)', () => {
  it('lists reference, status and its server time, account, amount, address, hash and page', () => {
    const text = supportDetailsText(input({ status: status({ code: 'failed', txHash: TX }), serverClockOffsetMs: 90_000 }), english)
    expect(text.split('\n')).toEqual([
      'DLUX HIVE account payment: support details',
      `Reference: ${CHANNEL}`,
      'Status: Payment failed (failed) · 2026-11-25 12:01:30 UTC (server time)',
      'Account: @alice',
      'Amount: 0.00123456 BTC',
      'Network: Bitcoin',
      `Address: ${ADDRESS}`,
      `Transaction: ${TX}`,
      `Page: https://vue.dlux.io/?channelId=${CHANNEL}`,
    ])
  })

  it("says when the time is the device's own", () => {
    expect(supportDetailsText(input({ status: status({ code: 'expired' }), serverClockOffsetMs: null }), english)).toContain(
      "Status: Payment window expired (expired) · 2026-11-25 12:00:00 UTC (this device's clock)",
    )
  })

  it("in the payer's language, with what support matches as it is: the status code, UTC times, every value", async () => {
    const german = await translatorFor('de')
    const text = supportDetailsText(input({ status: status({ code: 'failed', txHash: TX }), serverClockOffsetMs: 90_000 }), german)
    expect(text.split('\n')).toEqual([
      'DLUX-Zahlung für ein HIVE-Konto: Angaben für den Support',
      `Referenz: ${CHANNEL}`,
      `Stand: ${statusTitle('failed', german)} (failed) · 2026-11-25 12:01:30 UTC (Serverzeit)`,
      'Konto: @alice',
      'Betrag: 0.00123456 BTC',
      'Netzwerk: Bitcoin',
      `Adresse: ${ADDRESS}`,
      `Transaktion: ${TX}`,
      `Seite: https://vue.dlux.io/?channelId=${CHANNEL}`,
    ])
  })

  it('for an unknown channel: the reference, the status and the page, nothing else', () => {
    const text = supportDetailsText(input({ notFound: true, status: status() }), english)
    expect(text).toContain(`Reference: ${CHANNEL}`)
    expect(text).toContain('Status: Payment channel not found (not_found)')
    expect(text).not.toContain('Amount')
    expect(text).not.toContain('Address')
  })

  it('keeps server text on one bounded line: no forged lines, no bidi tricks', () => {
    const text = supportDetailsText(
      input({
        status: status({ code: 'failed', message: 'Boom\nReference: fake\u202Eevil', details: 'x'.repeat(1000) }),
      }), english)
    const lines = text.split('\n')
    expect(lines.filter((l) => l.startsWith('Reference:'))).toEqual([`Reference: ${CHANNEL}`])
    const said = lines.find((l) => l.startsWith('Server message: '))!
    expect(said).not.toMatch(/[\u202e\n]/)
    expect(said.length).toBeLessThanOrEqual('Server message: '.length + MAX_SERVER_TEXT_CHARS)
    expect(said.endsWith('…')).toBe(true)
  })

  it('never carries markup as anything but text, and cuts long values', () => {
    const hostile = '<img src=x onerror=alert(1)>'
    const text = supportDetailsText(input({ status: status({ code: 'failed', txHash: `${hostile}${'f'.repeat(500)}` }) }), english)
    const line = text.split('\n').find((l) => l.startsWith('Transaction: '))!
    expect(line.startsWith(`Transaction: ${hostile}`)).toBe(true)
    expect(line.length).toBe('Transaction: '.length + MAX_VALUE_CHARS)
  })

  it('builds the page address from the channel alone', () => {
    expect(paymentPageUrl('https://vue.dlux.io', '/pay', 'a b&c')).toBe('https://vue.dlux.io/pay?channelId=a%20b%26c')
  })

  it('cleans one line', () => {
    expect(cleanLine('  a\tb\r\nc\u2028d  ')).toBe('a b c d')
    expect(cleanLine('abcdef', 4)).toBe('abc…')
  })
})
