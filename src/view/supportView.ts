/**
 * The payer's way out of a dead end (failed, expired, unknown channel, or no news for a while):
 * what to do in their situation, the payment reference and transaction hash to quote, and one
 * plain-text block to paste into a support chat. Framework-free; the page renders it.
 *
 * Everything is in the payer's language, the details for support too (a payer pastes what they can
 * read); those keep what support matches against its records as it is: the status's code next to
 * its name, times in UTC, and every value (reference, amount, address, hash) exactly as sent.
 *
 * Everything from the URL or the server goes into the text as a cleaned, bounded line: no line
 * breaks or control characters (a server string cannot forge a line of the report), no bidi
 * overrides, cut at a sane length. Nothing secret is in it: no keys, no diagnostics, no storage.
 */
import type { MonitorSnapshot } from '../core/machine/snapshot'
import { shorten } from '../core/format'
import { networkName } from '../core/payment/networks'
import { isTerminal } from '../core/protocol/status'
import type { Translator } from '../core/i18n/translator'
import { statusTitle } from './paymentWording'

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

function advice(situation: HelpSituation, hasSupport: boolean, tr: Translator): string[] {
  // Without a support link the payer keeps the details rather than sends them.
  const send = (key: 'help.failed_2' | 'help.expired_2' | 'help.expired_paid_2' | 'help.not_found_2' | 'help.quiet_2') => tr.t(hasSupport ? key : (`${key}_keep` as const))
  switch (situation) {
    case 'failed':
      return [tr.t('help.failed_1'), send('help.failed_2'), tr.t('help.keep_hash')]
    case 'expired':
      return [tr.t('help.expired_1'), send('help.expired_2')]
    case 'expired_paid':
      return [tr.t('help.expired_paid_1'), send('help.expired_paid_2')]
    case 'not_found':
      return [tr.t('help.not_found_1'), send('help.not_found_2')]
    case 'quiet':
      return [tr.t('help.quiet_1', { duration: tr.minutes(QUIET_HELP_AFTER_MS / 60_000) }), send('help.quiet_2')]
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
export function supportDetailsText(input: SupportTextInput, tr: Translator): string {
  const s = input.notFound ? null : input.status
  const lines = [tr.t('support.heading')]
  const add = (label: string, value: string | null | undefined, max = MAX_VALUE_CHARS) => {
    if (value === null || value === undefined) return
    const text = cleanLine(value, max)
    if (text !== '') lines.push(`${label}: ${text}`)
  }
  add(tr.t('support.reference'), input.channelId)
  const code = input.notFound ? 'not_found' : (s?.code ?? null)
  if (code !== null) {
    let when = ''
    if (input.lastUpdateAt !== null) {
      // The server's clock when it can be worked out: what support compares with their logs.
      when =
        input.serverClockOffsetMs === null
          ? ` · ${utc(input.lastUpdateAt)} (${tr.t('support.device_clock')})`
          : ` · ${utc(input.lastUpdateAt + input.serverClockOffsetMs)} (${tr.t('support.server_time')})`
    }
    lines.push(`${tr.t('support.status')}: ${statusTitle(code, tr)} (${code})${when}`)
  }
  add(tr.t('support.account'), s?.username ? `@${s.username}` : null)
  if (s?.amount) {
    add(tr.t('support.amount'), `${s.amount}${s.currency ? ` ${s.currency}` : ''}`)
    add(tr.t('support.network'), networkName(s.currency))
  }
  add(tr.t('support.address'), s?.address)
  add(tr.t('support.transaction'), s?.txHash)
  const said = [s?.message, s?.details].filter((t): t is string => typeof t === 'string' && t.trim() !== '').join(' — ')
  add(tr.t('support.server_message'), said === '' ? null : said, MAX_SERVER_TEXT_CHARS)
  add(tr.t('support.page'), input.pageUrl, 300)
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
  tr: Translator,
): HelpView | null {
  const situation = helpSituation(input, options.now, options.watchingSince)
  if (situation === null || input.channelId === null) return null
  const tx = input.notFound ? null : (input.status?.txHash ?? null)
  return {
    situation,
    advice: advice(situation, options.hasSupport, tr),
    reference: referenceText(input.channelId),
    txHash: tx ? referenceText(tx) : null,
    supportText: supportDetailsText(input, tr),
  }
}
