import { describe, expect, it } from 'vitest'
import { pageView } from '../../src/view/pageView'
import { paymentView } from '../../src/view/paymentView'
import type { PaymentStatus } from '../../src/core/protocol/status'
import { receiptText } from '../../src/core/payment/receipt'
import { receiptWords } from '../../src/view/receiptWords'
import { NOW, makeSnapshot } from '../component/fixtures'
import { english, translatorFor } from '../support/i18n'

const EVM = '0xfb6916095ca1df60bb79Ce92ce3ea74c37c5d359'
const TX = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90'

function status(overrides: Partial<PaymentStatus> = {}): PaymentStatus {
  return {
    code: 'waiting_payment',
    message: '💳 Waiting for payment',
    details: 'Send 12.5 MATIC to the address with the specified memo.',
    progress: 20,
    confirmations: 0,
    confirmationsRequired: 10,
    amount: '12.5',
    currency: 'MATIC',
    amountUsd: 6.1,
    address: EVM,
    memo: null,
    txHash: null,
    expiresAt: null,
    username: 'bob',
    serverTime: null,
    serverTimeRange: null,
    source: 'websocket',
    ...overrides,
  }
}

const view = (overrides: Partial<PaymentStatus> = {}, notFound = false) => paymentView({ status: status(overrides), notFound }, english)

describe('the payment view model', () => {
  it('invites the payment only while it is awaited, on a named network, with an exact wallet link', () => {
    const v = view()
    expect(v).toMatchObject({
      code: 'waiting_payment',
      title: 'Waiting for your payment',
      network: 'Polygon PoS',
      amountText: '12.5 MATIC',
      amountDigits: '12.5',
      amountUsdText: '≈ $6.10',
      addressMode: 'pay',
      walletUri: `ethereum:${EVM}@137?value=12500000000000000000`,
      qrText: `ethereum:${EVM}@137?value=12500000000000000000`,
      qrCaption: 'Scan to pay 12.5 MATIC on Polygon PoS',
      canReport: true,
      stopped: false,
      terminal: null,
    })
    expect(v.sentence).toBe('Send exactly 12.5 MATIC on Polygon PoS to the address below. This page updates by itself.')
    // The server's lines repeat the page (and speak of a memo no currency has): dropped.
    expect(v.serverWords).toEqual([])
  })

  it('labels the server’s words as English on a page in another language, and only there', async () => {
    const worthShowing = { code: 'failed' as const, message: 'Refund sent to the sender' }
    expect(view(worthShowing).serverWordsLabel).toBeNull()
    const german = await translatorFor('de')
    const v = paymentView({ status: status(worthShowing), notFound: false }, german)
    expect(v.serverWords).toEqual(['Refund sent to the sender'])
    expect(v.serverWordsLabel).toBe('Der Zahlungsserver meldet (auf Englisch):')
  })

  it('falls back to the bare address in the QR when no safe link exists', () => {
    const v = view({ address: 'not-an-evm-address-at-all' })
    expect(v.walletUri).toBeNull()
    expect(v.qrText).toBe('not-an-evm-address-at-all')
    expect(v.qrCaption).toBe('Scan to pay on Polygon PoS')
  })

  it.each(['payment_detected', 'confirming', 'creating_account', 'completed'] as const)('summarises the payment from %s on', (code) => {
    const v = view({ code, txHash: TX })
    expect(v).toMatchObject({ addressMode: 'paid', walletUri: null, qrText: null })
    expect(v.explorerUrl).toBe(`https://polygonscan.com/tx/0x${TX}`)
  })

  it('closes the address of an expired or failed payment', () => {
    expect(view({ code: 'expired' })).toMatchObject({ addressMode: 'closed', qrText: null, terminal: 'expired', stopped: true })
    expect(view({ code: 'failed' })).toMatchObject({ addressMode: 'closed', terminal: 'failed', canReport: false })
    expect(view({ code: 'failed', txHash: TX }).addressMode).toBe('paid')
  })

  it('offers to report a payment only until it is seen', () => {
    expect(view({ code: 'payment_detected' }).canReport).toBe(false)
    expect(view({ code: 'confirming' }).canReport).toBe(false)
    expect(view({}, true).canReport).toBe(false)
  })

  it('makes an unknown channel its own status, with nothing to pay and no progress', () => {
    const v = paymentView({ status: null, notFound: true }, english)
    expect(v).toMatchObject({ code: 'not_found', terminal: 'not_found', addressMode: 'none', progress: null, stopped: false })
    expect(paymentView({ status: status(), notFound: true }, english).addressMode).toBe('none')
  })

  it('says nothing before the first status', () => {
    expect(paymentView({ status: null, notFound: false }, english)).toMatchObject({ code: null, title: '', sentence: '', progress: null })
  })

  it('counts confirmations once a transaction exists', () => {
    expect(view().confirmationsText).toBeNull()
    expect(view({ code: 'confirming', confirmations: 4 }).confirmationsText).toBe('4 of 10')
    expect(view({ code: 'payment_detected' }).confirmationsText).toBe('0 of 10')
    expect(view({ code: 'failed' }).confirmationsText).toBeNull()
    expect(view({ code: 'expired' }).confirmationsText).toBeNull()
  })
})

describe('the page view', () => {
  const connection = makeSnapshot({ lastUpdateAt: NOW })

  it('announces the status without ticking numbers, and titles the tab', () => {
    const v = pageView({ ...connection, status: status({ code: 'confirming', confirmations: 3 }) }, NOW, english)
    expect(v.statusAnnouncement).toBe('Payment status: Confirming your payment. 3 of 10 confirmations.')
    expect(v.documentTitle).toBe('Confirming your payment · DLUX payment')
    expect(v.paid).toBe(false)
  })

  it('says Paid in the tab once the account exists, and stops the connection view', () => {
    const v = pageView({ ...connection, state: 'idle', transport: 'none', status: status({ code: 'completed' }) }, NOW, english)
    expect(v.paid).toBe(true)
    expect(v.completionMessage).toBe('@bob is ready on HIVE.')
    expect(v.documentTitle).toMatch(/^Paid · /)
    expect(v.connection.label).toBe('Finished')
  })

  it('has a neutral title and no announcement before the first status', () => {
    const v = pageView({ ...connection, status: null }, NOW, english)
    expect(v.statusAnnouncement).toBe('')
    expect(v.documentTitle).toBe('DLUX payment monitor')
  })
})

describe('the receipt', () => {
  it('lists account, amount, network, transaction and time', () => {
    const text = receiptText({
      username: 'bob',
      amount: '12.5',
      currency: 'MATIC',
      network: 'Polygon PoS',
      txHash: TX,
      explorerUrl: `https://polygonscan.com/tx/0x${TX}`,
      completed: '2026-11-30T07:00:00.000Z',
      channelId: 'chan-1234567',
    }, receiptWords(english))
    expect(text.split('\n')).toEqual([
      'DLUX HIVE account payment: receipt',
      'Account: @bob',
      'Amount: 12.5 MATIC',
      'Network: Polygon PoS',
      `Transaction: ${TX}`,
      `Explorer: https://polygonscan.com/tx/0x${TX}`,
      'Completed: 2026-11-30T07:00:00.000Z',
      'Payment channel: chan-1234567',
    ])
  })

  it('gives an empty fact no line, and an amount without its currency the amount alone', () => {
    const text = receiptText({ username: null, amount: '0.5', currency: null, network: '', txHash: '', explorerUrl: '', completed: '', channelId: '' }, receiptWords(english))
    expect(text.split('\n')).toEqual(['DLUX HIVE account payment: receipt', 'Amount: 0.5'])
  })

  it('leaves out what is not known', () => {
    const text = receiptText({ username: null, amount: null, currency: null, network: null, txHash: null, explorerUrl: null, completed: null, channelId: null }, receiptWords(english))
    expect(text).toBe('DLUX HIVE account payment: receipt')
  })
})

describe('how long confirmations take, per network', () => {
  it('is honest about Bitcoin (tens of minutes) and quick chains', async () => {
    const { confirmationEstimate } = await import('../../src/core/payment/networks')
    expect(confirmationEstimate('BTC', 2)).toEqual({ kind: 'minutes_range', from: 10, to: 60 })
    expect(confirmationEstimate('BTC', 1)).toEqual({ kind: 'minutes_range', from: 5, to: 30 })
    expect(confirmationEstimate('ETH', 12)).toEqual({ kind: 'about_minutes', minutes: 3 })
    expect(confirmationEstimate('MATIC', 10)).toEqual({ kind: 'under_minute' })
    expect(confirmationEstimate('SOL', 32)).toEqual({ kind: 'under_minute' })
    expect(confirmationEstimate('BNB', 40)).toEqual({ kind: 'about_minutes', minutes: 2 })
    // A whole minute is a minute, not "under a minute".
    expect(confirmationEstimate('ETH', 5)).toEqual({ kind: 'about_minutes', minutes: 1 })
    expect(confirmationEstimate('ETH', 4)).toEqual({ kind: 'under_minute' })
    expect(confirmationEstimate(null, 2)).toBeNull()
  })
})
