import { describe, expect, it } from 'vitest'
import { explorerTxUrl } from '../../src/core/payment/explorer'
import { NETWORKS, networkName } from '../../src/core/payment/networks'

const HEX = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90'
const SOL_SIGNATURE = '5VERv8NMvzbJMEkV8xnrLkEaWRtSz9CosKDYjCJjBRnbJLgp8uirBgmQpjKhoR4tjF3ZpRzrFmBV6UjKdiSZkQUW'

describe('networks named to the payer', () => {
  it('names every monitored network, with the EVM chain ids', () => {
    expect(networkName('BTC')).toBe('Bitcoin')
    expect(networkName('SOL')).toBe('Solana')
    expect(networkName('ETH')).toBe('Ethereum mainnet')
    expect(networkName('MATIC')).toBe('Polygon PoS')
    expect(networkName('BNB')).toBe('BNB Smart Chain')
    expect(networkName(null)).toBeNull()
    expect([NETWORKS.ETH.chainId, NETWORKS.MATIC.chainId, NETWORKS.BNB.chainId]).toEqual([1, 137, 56])
  })
})

describe('explorer links', () => {
  it('links hex hashes on Bitcoin as they are, and with 0x on the EVM chains', () => {
    expect(explorerTxUrl('BTC', HEX)).toBe(`https://mempool.space/tx/${HEX}`)
    expect(explorerTxUrl('ETH', HEX)).toBe(`https://etherscan.io/tx/0x${HEX}`)
    expect(explorerTxUrl('MATIC', `0x${HEX}`)).toBe(`https://polygonscan.com/tx/0x${HEX}`)
    expect(explorerTxUrl('BNB', HEX)).toBe(`https://bscscan.com/tx/0x${HEX}`)
  })

  it('links a Solana signature (base58, not hex)', () => {
    expect(explorerTxUrl('SOL', SOL_SIGNATURE)).toBe(`https://solscan.io/tx/${SOL_SIGNATURE}`)
    expect(explorerTxUrl('BTC', SOL_SIGNATURE)).toBeNull()
  })

  it('links nothing a server could smuggle in', () => {
    expect(explorerTxUrl('BTC', '../../evil')).toBeNull()
    expect(explorerTxUrl('ETH', `${HEX}?x=1`)).toBeNull()
    expect(explorerTxUrl('SOL', `${SOL_SIGNATURE}/../x`)).toBeNull()
    expect(explorerTxUrl('SOL', `../${SOL_SIGNATURE}`)).toBeNull()
    // A 0x anywhere but at the start is not a prefix.
    expect(explorerTxUrl('ETH', `${HEX.slice(0, 8)}0x${HEX.slice(8)}`)).toBeNull()
    expect(explorerTxUrl('ETH', 'abc123')).toBeNull()
    expect(explorerTxUrl(null, HEX)).toBeNull()
  })
})
