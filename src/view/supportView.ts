/**
 * The payer's way out of a dead end (failed, expired, unknown channel, or no news for a while):
 * what to do in their situation, the payment reference and transaction hash to quote, and one
 * plain-text block to paste into a support chat. Framework-free; the page renders it.
 *
 * Everything from the URL or the server goes into the text as a cleaned, bounded line: no line
 * breaks or control characters (a server string cannot forge a line of the report), no bidi
 * overrides, cut at a sane length. Nothing secret is in it: no keys, no diagnostics, no storage.
 */
import type { MonitorSnapshot } from '../core/machine/snapshot'
import { shorten } from '../core/format'
import { networkName } from '../core/payment/networks'
import { isTerminal } from '../core/protocol/status'
import { STATUS_TITLES } from './paymentWording'

/** No status update this long on a payment that is not over: the page offers help. */
export const QUIET_HELP_AFTER_MS = 2 * 60_000

/** Longest value a line of the support details carries (a channel id is at most 128). */
export const MAX_VALUE_CHARS = 160
/** Longest server message a line carries. */
export const MAX_SERVER_TEXT_CHARS = 300

export type HelpSituation = 'failed' | 'expired' | 'expired_paid' | 'not_found' | 'quiet'

export interface ReferenceText {
  /** The whole value: what the copy button copies and screen readers read. */
  full: string
  /** What the eye reads. */
  short: string
}

export interface HelpView {
  situation: HelpSituation
  /** What to do, one sentence a paragraph, most important first. */
  advice: string[]
  reference: ReferenceText
  txHash: ReferenceText | null
  /** The plain-text block "Copy details for support" copies. */
  supportText: string
}

export type HelpInput = Pick<MonitorSnapshot, 'channelId' | 'status' | 'notFound' | 'lastUpdateAt' | 'serverClockOffsetMs'>

// Control characters, line and paragraph separators, and bidi overrides / isolates.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g

/** One line of plain text: unsafe characters as spaces, spaces collapsed, at most `max` characters. */
export function cleanLine(value: string, max = MAX_VALUE_CHARS): string {
  const text = value.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim()
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

function referenceText(value: string): ReferenceText {
  const full = cleanLine(value)
  return { full, short: shorten(full, 8, 6) }
}

/** The situation a dead end is in, or null when the page needs no help block. */
export function helpSituation(input: HelpInput, now: number, watchingSince: number): HelpSituation | null {
  if (input.channelId === null) return null
  if (input.notFound) return 'not_found'
  const s = input.status
  if (s?.code === 'failed') return 'failed'
  if (s?.code === 'expired') return s.txHash ? 'expired_paid' : 'expired'
  if (s !== null && isTerminal(s.code)) return null
  const since = input.lastUpdateAt ?? watchingSince
  return now - since >= QUIET_HELP_AFTER_MS ? 'quiet' : null
}

const KEEP_HASH = 'Keep your transaction hash (the ID your wallet shows for the payment): it proves what you sent.'

function advice(situation: HelpSituation, hasSupport: boolean): string[] {
  const ask = hasSupport
    ? 'Copy the details below and send them to DLUX support'
    : 'Copy the details below and keep them for DLUX support'
  switch (situation) {
    case 'failed':
      return [
        'If you already sent the payment, do not send it again: your payment is on record under the reference below.',
        `${ask}, with your transaction hash if it is not listed; they can find your payment with it.`,
        KEEP_HASH,
      ]
    case 'expired':
      return [
        'If you have not paid yet, nothing is lost: start a new payment and send it before its time runs out. Do not send anything to this address any more.',
        `If you did pay, do not pay again. ${ask}, with your transaction hash: a payment that arrived late can still be matched.`,
      ]
    case 'expired_paid':
      return [
        'A payment was seen for this reference, but the payment window closed before the account could be created. Do not pay again.',
        `${ask}: the transaction below lets them match your payment.`,
      ]
    case 'not_found':
      return [
        'The payment server does not know this reference. Check that the link is complete (compare it with the one you were given), or enter the channel ID again below.',
        `If you already paid, do not pay again: ${ask.charAt(0).toLowerCase()}${ask.slice(1)}, with your transaction hash.`,
      ]
    case 'quiet':
      return [
        'No news about this payment for over 2 minutes. The page keeps checking; a network can take longer than usual.',
        `Do not pay again. If nothing changes, ${ask.charAt(0).toLowerCase()}${ask.slice(1)}.`,
      ]
  }
  return []
}

/** `2026-11-25 12:00:00 UTC`. */
function utc(at: number): string {
  return `${new Date(at).toISOString().slice(0, 19).replace('T', ' ')} UTC`
}

export interface SupportTextInput extends HelpInput {
  /** The page's address for this payment, e.g. `https://vue.dlux.io/?channelId=…`. */
  pageUrl: string
}

/**
 * The plain-text summary a payer pastes into a support chat: reference, account, amount, currency
 * and network, address, transaction, status and its time by the server's clock, the page. One
 * fact a line; facts the page does not know are left out.
 */
export function supportDetailsText(input: SupportTextInput): string {
  const s = input.notFound ? null : input.status
  const lines = ['DLUX HIVE account payment: support details']
  const add = (label: string, value: string | null | undefined, max = MAX_VALUE_CHARS) => {
    if (value === null || value === undefined) return
    const text = cleanLine(value, max)
    if (text !== '') lines.push(`${label}: ${text}`)
  }
  add('Reference', input.channelId)
  const code = input.notFound ? 'not_found' : (s?.code ?? null)
  if (code !== null) {
    let when = ''
    if (input.lastUpdateAt !== null) {
      // The server's clock when it can be worked out: what support compares with their logs.
      when = input.serverClockOffsetMs === null ? ` at ${utc(input.lastUpdateAt)} (this device's clock)` : ` at ${utc(input.lastUpdateAt + input.serverClockOffsetMs)} (server time)`
    }
    lines.push(`Status: ${STATUS_TITLES[code]} (${code})${when}`)
  }
  add('Account', s?.username ? `@${s.username}` : null)
  if (s?.amount) {
    const network = networkName(s.currency)
    add('Amount', `${s.amount}${s.currency ? ` ${s.currency}` : ''}${network ? ` on ${network}` : ''}`)
  }
  add('Address', s?.address)
  add('Transaction', s?.txHash)
  const said = [s?.message, s?.details].filter((t): t is string => typeof t === 'string' && t.trim() !== '').join(' — ')
  add('Server message', said === '' ? null : said, MAX_SERVER_TEXT_CHARS)
  add('Page', input.pageUrl, 300)
  return lines.join('\n')
}

/** The page's address for a channel, without anything else the URL might carry. */
export function paymentPageUrl(origin: string, pathname: string, channelId: string): string {
  return `${origin}${pathname}?channelId=${encodeURIComponent(channelId)}`
}

/** The help block for this moment, or null when the page needs none. */
export function helpView(
  input: SupportTextInput,
  options: { now: number; watchingSince: number; hasSupport: boolean },
): HelpView | null {
  const situation = helpSituation(input, options.now, options.watchingSince)
  if (situation === null || input.channelId === null) return null
  const tx = input.notFound ? null : (input.status?.txHash ?? null)
  return {
    situation,
    advice: advice(situation, options.hasSupport),
    reference: referenceText(input.channelId),
    txHash: tx ? referenceText(tx) : null,
    supportText: supportDetailsText(input),
  }
}
