import { describe, expect, it } from 'vitest'
import { TX_HASH, checkTxHash } from '../../src/core/protocol/txHash'

const HEX64 = '0123456789abcdefABCDEF'.padEnd(64, 'f')

describe('the transaction hash a payer may report (the backend takes 32 to 128 hex characters)', () => {
  it('accepts nothing at all: the hash is optional', () => {
    expect(checkTxHash('')).toEqual({ ok: true, txHash: '' })
    expect(checkTxHash(' \n ')).toEqual({ ok: true, txHash: '' })
  })

  it('accepts both ends of the length range, trimmed, in either case', () => {
    expect(checkTxHash(` ${'a'.repeat(32)}\n`)).toEqual({ ok: true, txHash: 'a'.repeat(32) })
    expect(checkTxHash('F'.repeat(128))).toEqual({ ok: true, txHash: 'F'.repeat(128) })
    expect(checkTxHash(HEX64)).toEqual({ ok: true, txHash: HEX64 })
  })

  it('removes the 0x an EVM wallet shows, since the backend would refuse it', () => {
    expect(checkTxHash(`0x${HEX64}`)).toEqual({ ok: true, txHash: HEX64 })
    expect(checkTxHash(`0X${HEX64}`)).toEqual({ ok: true, txHash: HEX64 })
  })

  it('says which rule a bad hash breaks', () => {
    const notHex = { ok: false, problem: 'bad_characters' }
    const badLength = { ok: false, problem: 'bad_length' }
    expect(checkTxHash('g'.repeat(64))).toEqual(notHex)
    expect(checkTxHash(`${HEX64} x`)).toEqual(notHex)
    expect(checkTxHash(`x${HEX64}`)).toEqual(notHex)
    expect(checkTxHash('a'.repeat(31))).toEqual(badLength)
    expect(checkTxHash('a'.repeat(129))).toEqual(badLength)
    expect(checkTxHash('0x')).toEqual(badLength)
  })

  it('matches the whole text only', () => {
    expect(TX_HASH.test(HEX64)).toBe(true)
    expect(TX_HASH.test(`${HEX64}!`)).toBe(false)
    expect(TX_HASH.test(`!${HEX64}`)).toBe(false)
  })
})
