import { describe, expect, it } from 'vitest'
import { explorerTxUrl, paymentUri } from '../../src/components/payment/paymentLinks'
import { checkTxHash } from '../../src/core/protocol/txHash'

const HEX64 = 'ab'.repeat(32)

describe('explorerTxUrl', () => {
  it.each([
    ['BTC', `https://mempool.space/tx/${HEX64}`],
    ['ETH', `https://etherscan.io/tx/0x${HEX64}`],
    ['MATIC', `https://polygonscan.com/tx/0x${HEX64}`],
    ['BNB', `https://bscscan.com/tx/0x${HEX64}`],
    ['SOL', `https://solscan.io/tx/${HEX64}`],
  ] as const)('links %s transactions to the right explorer', (currency, url) => {
    expect(explorerTxUrl(currency, HEX64)).toBe(url)
  })

  it('keeps an existing 0x prefix', () => {
    expect(explorerTxUrl('ETH', `0x${HEX64}`)).toBe(`https://etherscan.io/tx/0x${HEX64}`)
  })

  it('refuses to link anything that is not a hash', () => {
    expect(explorerTxUrl('BTC', '../../evil?x=1')).toBeNull()
    expect(explorerTxUrl('BTC', 'javascript:alert(1)')).toBeNull()
    expect(explorerTxUrl(null, HEX64)).toBeNull()
  })
})

describe('paymentUri', () => {
  const addr = 'bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh'
  it('uses BIP 21 for BTC, with the amount', () => {
    expect(paymentUri('BTC', addr, '0.00123456')).toBe(`bitcoin:${addr}?amount=0.00123456`)
  })
  it('uses EIP-681 without an amount for ETH', () => {
    expect(paymentUri('ETH', '0x52908400098527886E0F7030069857D2E4169EE7', '0.5')).toBe(
      'ethereum:0x52908400098527886E0F7030069857D2E4169EE7',
    )
  })
  it('uses Solana Pay for SOL', () => {
    expect(paymentUri('SOL', '7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU', '1.5')).toBe(
      'solana:7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU?amount=1.5',
    )
  })
  it('uses the bare address for MATIC and BNB, so no wallet pays on the wrong chain', () => {
    expect(paymentUri('MATIC', '0x52908400098527886E0F7030069857D2E4169EE7', '3')).toBe(
      '0x52908400098527886E0F7030069857D2E4169EE7',
    )
    expect(paymentUri('BNB', '0x52908400098527886E0F7030069857D2E4169EE7', '3')).toBe(
      '0x52908400098527886E0F7030069857D2E4169EE7',
    )
  })
  it('drops an amount that is not a plain decimal', () => {
    expect(paymentUri('BTC', addr, '1e-3&label=x')).toBe(`bitcoin:${addr}`)
  })
  it('never builds a URI around something that is not an address', () => {
    expect(paymentUri('BTC', 'x?amount=999', '1')).toBe('x?amount=999')
  })
})

describe('checkTxHash', () => {
  it('accepts empty (the hash is optional)', () => {
    expect(checkTxHash('  ')).toEqual({ ok: true, txHash: '' })
  })
  it('accepts 32 to 128 hex characters and strips a 0x prefix', () => {
    expect(checkTxHash(` 0x${HEX64} `)).toEqual({ ok: true, txHash: HEX64 })
    expect(checkTxHash('a'.repeat(32)).ok).toBe(true)
    expect(checkTxHash('a'.repeat(128)).ok).toBe(true)
  })
  it('rejects too short, too long and non-hex', () => {
    expect(checkTxHash('a'.repeat(31)).ok).toBe(false)
    expect(checkTxHash('a'.repeat(129)).ok).toBe(false)
    expect(checkTxHash('z'.repeat(64)).ok).toBe(false)
  })
})
