/** Wire payloads for tests, shaped as the production server sends them (docs/protocol.md). */
export const CHANNEL_ID = '0123456789abcdef0123456789abcdef'

export function statusFrame(status: string, extra: Record<string, unknown> = {}, channel: Record<string, unknown> = {}) {
  return {
    type: 'status_update',
    channelId: CHANNEL_ID,
    status,
    message: `Status is ${status}`,
    details: '',
    timestamp: new Date().toISOString(),
    channel: {
      username: 'alice',
      cryptoType: 'BTC',
      amountCrypto: 0.0012,
      amountUsd: 80,
      address: 'bc1qexampleaddress0000000000000000000000',
      memo: null,
      confirmations: 0,
      txHash: null,
      expiresAt: '2026-11-26T12:00:00.000Z',
      createdAt: '2026-11-25T11:00:00.000Z',
      isExpired: false,
      ...channel,
    },
    ...extra,
  }
}

export function pollBody(status: string, channel: Record<string, unknown> = {}) {
  return {
    success: true,
    channel: {
      channelId: CHANNEL_ID,
      username: 'alice',
      status,
      statusMessage: `Stored status ${status}`,
      statusDetails: '',
      cryptoType: 'BTC',
      amountFormatted: '0.0012',
      address: 'bc1qexampleaddress0000000000000000000000',
      memo: null,
      confirmations: 0,
      confirmationsRequired: 2,
      createdAt: '2026-11-25T11:00:00.000Z',
      expiresAt: '2026-11-26T12:00:00.000Z',
      txHash: null,
      isExpired: false,
      // Whole minutes to expiresAt when the fake clock starts (tests/support/clock.ts).
      timeLeft: 1440,
      instructions: [],
      ...channel,
    },
  }
}
