/**
 * The server's own words next to the page's. The production server decorates its messages with
 * emoji and repeats what the page already says ("💳 Waiting for payment", "Send … to the address
 * with the specified memo" for currencies that have no memo): those are dropped, and what is left is
 * split so the emoji can be hidden from screen readers.
 */
import type { StatusCode } from '../protocol/status'

/** The language the payment server writes its messages in: the page labels them where it shows another. */
export const SERVER_LANGUAGE = 'en'

/** A run of text, or one emoji (with its joiners and variation selectors). */
export interface TextPart {
  text: string
  emoji: boolean
}

const EMOJI = /\p{Extended_Pictographic}(?:\uFE0F|\u20E3|\p{Emoji_Modifier}|\u200D\p{Extended_Pictographic}\uFE0F?)*/gu

export function splitEmoji(text: string): TextPart[] {
  const parts: TextPart[] = []
  let last = 0
  for (const match of text.matchAll(EMOJI)) {
    if (match.index > last) parts.push({ text: text.slice(last, match.index), emoji: false })
    parts.push({ text: match[0], emoji: true })
    last = match.index + match[0].length
  }
  if (last < text.length) parts.push({ text: text.slice(last), emoji: false })
  return parts
}

/** The words without emoji, spacing or case: what two messages are compared on. */
function plain(text: string): string {
  return text
    .replace(EMOJI, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
}

/**
 * What the production server says for each status (socket `message`/`details` and the poll's
 * `statusMessage`/`statusDetails`), which the page's own sentence already covers.
 */
const SAID_ALREADY: readonly RegExp[] = [
  /^waiting for payment\.?$/,
  /^send [\d.]+ \w+ to the address( with the specified memo)?\.?$/,
  /^payment detected(, waiting for confirmations)?\.?$/,
  /^transaction found: [0-9a-z]+(\.\.\.|…)?$/,
  /^confirming transaction \(\d+\/\d+\)$/,
  /^waiting for network confirmations\. this may take a few minutes\.?$/,
  /^creating hive account$/,
  /^payment confirmed! generating your hive account(\.\.\.|…)?$/,
  /^account created successfully!?$/,
  /^welcome to hive, @[a-z0-9.-]+!?$/,
  /^account creation failed$/,
  /^something went wrong\. please contact support\.?$/,
  /^payment expired$/,
  /^payment window has closed\. please start a new payment\.?$/,
  /^payment channel not found$/,
]

/**
 * The server's messages worth showing under the page's own sentence: not empty, not one the page
 * already says in its own words, not the same thing twice. Server text stays text.
 */
export function serverWordsWorthShowing(code: StatusCode, pageWords: readonly string[], serverWords: readonly string[]): string[] {
  const seen = new Set(pageWords.map(plain))
  const shown: string[] = []
  for (const words of serverWords) {
    const p = plain(words)
    if (p === '' || seen.has(p)) continue
    // For a status the page does not know, the server's words are all there is.
    if (code !== 'unknown' && SAID_ALREADY.some((rule) => rule.test(p))) continue
    seen.add(p)
    shown.push(words)
  }
  return shown
}
