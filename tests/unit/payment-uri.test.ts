import { describe, expect, it } from 'vitest'
import { amountDigits, fromBaseUnits, toBaseUnits } from '../../src/core/payment/amount'
import { paymentUri } from '../../src/core/payment/paymentUri'

// Addresses from the specifications' own examples.
const BIP21_ADDRESS = '175tWpb8K1S7NmH4Zx6rewF9WQrcZv245W'
const SOLANA_PAY_ADDRESS = 'mvines9iiHiAbjBn2CM5LZLbT6KxSUXg89gX7yiT6kX'
const EIP681_ADDRESS = '0xfb6916095ca1df60bb79Ce92ce3ea74c37c5d359'

describe('exact amounts in the smallest unit', () => {
  it('converts a decimal string to integer units without floating point', () => {
    expect(toBaseUnits('2.014', 18)).toBe(2_014_000_000_000_000_000n)
    // 18 significant digits: a float would round this.
    expect(toBaseUnits('0.123456789012345678', 18)).toBe(123_456_789_012_345_678n)
    expect(toBaseUnits('1.1', 18)).toBe(1_100_000_000_000_000_000n)
    expect(toBaseUnits('0.00123456', 8)).toBe(123_456n)
    expect(toBaseUnits('50', 8)).toBe(5_000_000_000n)
    expect(toBaseUnits('0.10000000', 8)).toBe(10_000_000n)
  })

  it('refuses anything but a plain decimal, and digits the unit cannot hold', () => {
    for (const bad of ['', '-1', '+1', '1e18', '2.014e18', '1,5', '.5', '5.', '0x10', 'NaN', '1 000']) {
      expect(toBaseUnits(bad, 18), bad).toBeNull()
    }
    expect(toBaseUnits('0.000000001', 8)).toBeNull()
    expect(toBaseUnits('0.000000001', 9)).toBe(1n)
  })

  it('formats units back as the shortest exact decimal', () => {
    expect(fromBaseUnits(123_456n, 8)).toBe('0.00123456')
    expect(fromBaseUnits(5_000_000_000n, 8)).toBe('50')
    expect(fromBaseUnits(20_300_000_000n, 9)).toBe('20.3')
    expect(fromBaseUnits(1n, 18)).toBe('0.000000000000000001')
    expect(fromBaseUnits(0n, 8)).toBe('0')
  })

  it('gives the amount as digits only for copying', () => {
    expect(amountDigits('0.00123456', 8)).toBe('0.00123456')
    expect(amountDigits('1.50000000', 8)).toBe('1.5')
    expect(amountDigits('1.5 BTC', 8)).toBeNull()
    expect(amountDigits(null, 8)).toBeNull()
  })
})

describe('BIP 21 (Bitcoin)', () => {
  it('matches the specification examples', () => {
    // BIP 21: bitcoin:175tWpb8K1S7NmH4Zx6rewF9WQrcZv245W?amount=20.3&label=Luke-Jr
    expect(paymentUri('BTC', BIP21_ADDRESS, '20.3')).toBe(`bitcoin:${BIP21_ADDRESS}?amount=20.3`)
    // BIP 21: bitcoin:175tWpb8K1S7NmH4Zx6rewF9WQrcZv245W?amount=50&label=Luke-Jr&message=…
    expect(paymentUri('BTC', BIP21_ADDRESS, '50')).toBe(`bitcoin:${BIP21_ADDRESS}?amount=50`)
    // BIP 21: bitcoin:175tWpb8K1S7NmH4Zx6rewF9WQrcZv245W (no amount)
    expect(paymentUri('BTC', BIP21_ADDRESS, null)).toBe(`bitcoin:${BIP21_ADDRESS}`)
  })

  it('takes a bech32 address written in capitals (as QR codes carry it)', () => {
    const upper = 'BC1QXY2KGDYGJRSQTZQ2N0YRF2493P83KKFJHX0WLH'
    expect(paymentUri('BTC', upper, '0.5')).toBe(`bitcoin:${upper}?amount=0.5`)
  })

  it('takes bech32 addresses and leaves out an amount finer than a satoshi', () => {
    const bech32 = 'bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh'
    expect(paymentUri('BTC', bech32, '0.00123456')).toBe(`bitcoin:${bech32}?amount=0.00123456`)
    expect(paymentUri('BTC', bech32, '0.000000001')).toBe(`bitcoin:${bech32}`)
  })
})

describe('Solana Pay', () => {
  it('matches the specification examples', () => {
    // solana:mvines9iiHiAbjBn2CM5LZLbT6KxSUXg89gX7yiT6kX?amount=1&label=Michael&…
    expect(paymentUri('SOL', SOLANA_PAY_ADDRESS, '1')).toBe(`solana:${SOLANA_PAY_ADDRESS}?amount=1`)
    // solana:mvines9iiHiAbjBn2CM5LZLbT6KxSUXg89gX7yiT6kX?amount=0.01&spl-token=…
    expect(paymentUri('SOL', SOLANA_PAY_ADDRESS, '0.01')).toBe(`solana:${SOLANA_PAY_ADDRESS}?amount=0.01`)
  })

  it('keeps the leading zero and never uses an exponent', () => {
    expect(paymentUri('SOL', SOLANA_PAY_ADDRESS, '0.000000001')).toBe(`solana:${SOLANA_PAY_ADDRESS}?amount=0.000000001`)
  })
})

describe('EIP-681 (Ethereum, Polygon PoS, BNB Smart Chain)', () => {
  it('matches the specification example, with the value as integer wei', () => {
    // EIP-681: ethereum:0xfb6916095ca1df60bb79Ce92ce3ea74c37c5d359?value=2.014e18
    const uri = paymentUri('ETH', EIP681_ADDRESS, '2.014')
    expect(uri).toBe(`ethereum:${EIP681_ADDRESS}@1?value=2014000000000000000`)
    const value = new URL(uri!).searchParams.get('value')!
    expect(BigInt(value)).toBe(2014n * 10n ** 15n)
  })

  it('names the chain, so a wallet cannot pay a Polygon or BNB request on Ethereum mainnet', () => {
    expect(paymentUri('MATIC', EIP681_ADDRESS, '12.5')).toBe(`ethereum:${EIP681_ADDRESS}@137?value=12500000000000000000`)
    expect(paymentUri('BNB', EIP681_ADDRESS, '0.05')).toBe(`ethereum:${EIP681_ADDRESS}@56?value=50000000000000000`)
  })

  it('leaves the value out, rather than rounding it, when it is finer than a wei or not a plain decimal', () => {
    expect(paymentUri('ETH', EIP681_ADDRESS, '0.0000000000000000001')).toBe(`ethereum:${EIP681_ADDRESS}@1`)
    expect(paymentUri('BNB', EIP681_ADDRESS, '5e-2')).toBe(`ethereum:${EIP681_ADDRESS}@56`)
    expect(paymentUri('MATIC', EIP681_ADDRESS, null)).toBe(`ethereum:${EIP681_ADDRESS}@137`)
  })

  it('keeps all 18 decimals exact', () => {
    expect(paymentUri('ETH', EIP681_ADDRESS, '0.123456789012345678')).toBe(`ethereum:${EIP681_ADDRESS}@1?value=123456789012345678`)
  })
})

describe('no link for what is not an address of that network', () => {
  it.each([
    ['ETH', 'bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh'],
    ['BTC', EIP681_ADDRESS],
    ['SOL', '0OIl0OIl0OIl0OIl0OIl0OIl0OIl0OIl'],
    ['MATIC', 'javascript:alert(1)'],
    ['BTC', `${BIP21_ADDRESS}?amount=1000`],
    // A whole URI, or anything around a valid address, is not an address.
    ['BTC', 'bitcoin:bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh'],
    ['SOL', `solana:${SOLANA_PAY_ADDRESS}`],
    ['SOL', `${SOLANA_PAY_ADDRESS}?amount=1`],
    ['ETH', `ethereum:${EIP681_ADDRESS}`],
    ['ETH', `${EIP681_ADDRESS}@137`],
    ['MATIC', `ethereum:${EIP681_ADDRESS}`],
    ['MATIC', `${EIP681_ADDRESS}@1`],
    ['BNB', `ethereum:${EIP681_ADDRESS}`],
    ['BNB', `${EIP681_ADDRESS}?value=1`],
  ] as const)('%s %s', (currency, address) => {
    expect(paymentUri(currency, address, '1')).toBeNull()
  })

  it('nor for an unknown currency', () => {
    expect(paymentUri(null, BIP21_ADDRESS, '1')).toBeNull()
  })
})
