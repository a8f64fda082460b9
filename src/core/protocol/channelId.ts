/**
 * Page input rule for `?channelId=` (docs/operations.md): 8 to 128 of `A-Z a-z 0-9 _ -`, after
 * trimming whitespace and the trailing `.` `,` `;` `)` a link picks up when pasted from a sentence.
 */

const CHANNEL_ID = /^[A-Za-z0-9_-]{8,128}$/

/** Why a channel ID is refused; the page says it in the payer's language. */
export type ChannelIdProblem = 'empty' | 'too_short' | 'too_long' | 'characters'

export type ChannelIdCheck = { ok: true; channelId: string } | { ok: false; problem: ChannelIdProblem }

export function checkChannelId(raw: string): ChannelIdCheck {
  const value = raw.trim().replace(/[.,;)\s]+$/, '')
  if (value === '') return { ok: false, problem: 'empty' }
  if (value.length < 8) return { ok: false, problem: 'too_short' }
  if (value.length > 128) return { ok: false, problem: 'too_long' }
  if (!CHANNEL_ID.test(value)) return { ok: false, problem: 'characters' }
  return { ok: true, channelId: value }
}

export function isValidChannelId(raw: string): boolean {
  return CHANNEL_ID.test(raw)
}
