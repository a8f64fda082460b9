/** Page input rule for `?channelId=` (docs/operations.md): 8 to 128 of `A-Z a-z 0-9 _ -`. */

const CHANNEL_ID = /^[A-Za-z0-9_-]{8,128}$/

export type ChannelIdCheck = { ok: true; channelId: string } | { ok: false; message: string }

export function checkChannelId(raw: string): ChannelIdCheck {
  const value = raw.trim()
  if (value === '') return { ok: false, message: 'Enter the payment channel ID from your payment link.' }
  if (value.length < 8) return { ok: false, message: 'A channel ID has at least 8 characters.' }
  if (value.length > 128) return { ok: false, message: 'A channel ID has at most 128 characters.' }
  if (!CHANNEL_ID.test(value)) {
    return {
      ok: false,
      message: 'A channel ID uses only letters, digits, "_" and "-". Check the link you were given.',
    }
  }
  return { ok: true, channelId: value }
}

export function isValidChannelId(raw: string): boolean {
  return CHANNEL_ID.test(raw)
}
