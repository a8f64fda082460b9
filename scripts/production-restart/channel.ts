/**
 * The one payment channel of a restart run: the `payment_channels` row the fake database hands the
 * production socket server, and the REST status body built from that same row the way the
 * production route (`GET /api/onboarding/payment/status/:channelId` in api/onboarding.js) builds
 * it, so socket and poll tell the page the same story.
 */

/** A row as `pg` returns it: timestamps as Date, NUMERIC as a string. */
export interface ChannelRow {
  channel_id: string
  username: string
  crypto_type: 'BTC'
  amount_crypto: string
  amount_usd: string
  payment_address: string
  memo: string | null
  status: 'pending'
  confirmations: number
  tx_hash: string | null
  public_keys: Record<string, string>
  created_at: Date
  confirmed_at: Date | null
  account_created_at: Date | null
  expires_at: Date
}

/** The production REST route's figures for BTC (CRYPTO_CONFIG in api/onboarding.js). */
const BTC = { decimals: 8, confirmationsRequired: 2 }
const MINUTE = 60_000

/** A BTC channel waiting for payment, created a minute before `now`, expiring a day after it. */
export function channelRow(now: number): ChannelRow {
  return {
    channel_id: '5e7a1c0d9b3f42e8a6c1d0f4b2e9a731',
    username: 'restartcheck',
    crypto_type: 'BTC',
    amount_crypto: '0.00012345',
    amount_usd: '3.50',
    payment_address: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
    memo: null,
    status: 'pending',
    confirmations: 0,
    tx_hash: null,
    public_keys: {},
    created_at: new Date(now - MINUTE),
    confirmed_at: null,
    account_created_at: null,
    expires_at: new Date(now + 24 * 60 * MINUTE),
  }
}

/** The 200 body of the production status route for `row` (a pending channel without a payment). */
export function restStatusBody(row: ChannelRow, now: number): unknown {
  const expiresAt = row.expires_at.getTime()
  const amount = `${Number.parseFloat(row.amount_crypto).toFixed(BTC.decimals)} ${row.crypto_type}`
  return {
    success: true,
    channel: {
      channelId: row.channel_id,
      username: row.username,
      status: row.status,
      statusMessage: '💳 Waiting for payment',
      statusDetails: `Send ${row.amount_crypto} ${row.crypto_type} to the unique address provided.`,
      progress: 20,
      cryptoType: row.crypto_type,
      amountFormatted: amount,
      address: row.payment_address,
      memo: row.memo,
      confirmations: row.confirmations,
      confirmationsRequired: BTC.confirmationsRequired,
      createdAt: row.created_at.toISOString(),
      confirmedAt: row.confirmed_at,
      accountCreatedAt: row.account_created_at,
      expiresAt: row.expires_at.toISOString(),
      txHash: row.tx_hash,
      publicKeys: row.public_keys,
      isExpired: now > expiresAt,
      timeLeft: Math.max(0, Math.floor((expiresAt - now) / MINUTE)),
      instructions: [
        `Send exactly ${amount} to the address above`,
        'This address is unique to your payment - no memo required',
        `Payment expires in ${Math.max(0, Math.floor((expiresAt - now) / (60 * MINUTE)))} hours`,
        `Account will be created automatically after ${BTC.confirmationsRequired} confirmation(s)`,
      ],
    },
  }
}
