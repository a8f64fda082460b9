/**
 * What the payment card shows, worked out once from the monitor's snapshot: the status in the
 * page's words, whether to invite a payment or summarise one, the network, the wallet link.
 * Components render these fields and work nothing out again.
 */
import type { Translator } from '../core/i18n/translator'
import type { MonitorSnapshot } from '../core/machine/snapshot'
import { amountDigits } from '../core/payment/amount'
import { explorerTxUrl } from '../core/payment/explorer'
import { NETWORKS, networkName } from '../core/payment/networks'
import { paymentUri } from '../core/payment/paymentUri'
import { SERVER_LANGUAGE, serverWordsWorthShowing } from '../core/payment/serverText'
import { isTerminal, type PaymentStatus } from '../core/protocol/status'
import { statusSentence, statusTitle, type DisplayCode } from './paymentWording'
import { progressView, type ProgressView } from './progressSteps'

export type TerminalKind = 'completed' | 'failed' | 'expired' | 'not_found'

/** How the address shows: an invitation to pay, a summary of a payment made, or a closed address. */
export type AddressMode = 'pay' | 'paid' | 'closed' | 'none'

export interface PaymentView {
  code: DisplayCode | null
  /** The status heading. */
  title: string
  /** The page's one sentence for this moment. */
  sentence: string
  /** Server messages that add something to the sentence (plain text, in `SERVER_LANGUAGE`). */
  serverWords: string[]
  /** Said before the server's words when the page shows another language than theirs; else null. */
  serverWordsLabel: string | null
  terminal: TerminalKind | null
  /** Monitoring ended at a terminal status. */
  stopped: boolean
  /** The "I have sent the payment" form makes sense: only until the payment is seen. */
  canReport: boolean
  status: PaymentStatus | null
  network: string | null
  /** `0.00123456 BTC` */
  amountText: string | null
  /** `0.00123456`: what the amount's copy button copies. */
  amountDigits: string | null
  amountUsdText: string | null
  addressMode: AddressMode
  /** BIP 21 / Solana Pay / EIP-681 link with the amount; null when none can be made safely. */
  walletUri: string | null
  /** What the QR code encodes: the wallet link, or the bare address. */
  qrText: string | null
  /** `Scan to pay 0.5 MATIC on Polygon PoS` */
  qrCaption: string
  explorerUrl: string | null
  progress: ProgressView | null
  /** `1 of 2` once a transaction exists: for announcements (the steps show the count on screen). */
  confirmationsText: string | null
}

/** `Scan to pay 0.5 MATIC on Polygon PoS`, or less where the page knows less. */
function qrCaption(amountText: string | null, network: string | null, tr: Translator): string {
  if (amountText && network) return tr.t('qr.caption_amount', { amount: amountText, network })
  return network ? tr.t('qr.caption_network', { network }) : tr.t('qr.caption')
}

function addressMode(s: PaymentStatus | null): AddressMode {
  if (s === null || s.address === null) return 'none'
  if (s.code === 'waiting_payment') return 'pay'
  if (s.txHash !== null || ['payment_detected', 'confirming', 'creating_account', 'completed'].includes(s.code)) return 'paid'
  return 'closed'
}

/**
 * The amount to pay is the server's digits exactly as sent: never parsed, rounded or given a
 * locale's separators, since a payer copies it into a wallet (the copy button and wallet link
 * carry the same dot-decimal digits).
 *
 * @example paymentView(store.snapshot, activeTranslator()).sentence
 */
export function paymentView(snapshot: Pick<MonitorSnapshot, 'status' | 'notFound'>, tr: Translator): PaymentView {
  const s = snapshot.status
  const code: DisplayCode | null = snapshot.notFound ? 'not_found' : (s?.code ?? null)
  const stopped = s !== null && isTerminal(s.code)
  const terminal: TerminalKind | null = snapshot.notFound ? 'not_found' : stopped ? (s.code as TerminalKind) : null
  const network = networkName(s?.currency ?? null)
  const title = code ? statusTitle(code, tr) : ''
  const sentence = code ? statusSentence(code, s, network, tr) : ''
  const mode = addressMode(snapshot.notFound ? null : s)
  const walletUri = mode === 'pay' && s?.address ? paymentUri(s.currency, s.address, s.amount) : null
  const usdValue = s?.amountUsd
  const amountText = s?.amount ? (s.currency ? `${s.amount} ${s.currency}` : s.amount) : null
  return {
    code,
    title,
    sentence,
    serverWords: s && !snapshot.notFound ? serverWordsWorthShowing(s.code, [title, sentence], [s.message, s.details]) : [],
    serverWordsLabel: tr.language === SERVER_LANGUAGE ? null : tr.t('card.server_words'),
    terminal,
    stopped,
    canReport: !snapshot.notFound && s?.code === 'waiting_payment',
    status: s,
    network,
    amountText,
    amountDigits: s?.amount && s.currency ? amountDigits(s.amount, NETWORKS[s.currency].decimals) : null,
    amountUsdText: typeof usdValue === 'number' && Number.isFinite(usdValue) ? `≈ ${tr.usd(usdValue)}` : null,
    addressMode: mode,
    walletUri,
    qrText: mode === 'pay' ? (walletUri ?? s?.address ?? null) : null,
    qrCaption: qrCaption(walletUri ? amountText : null, network, tr),
    explorerUrl: s?.txHash ? explorerTxUrl(s.currency, s.txHash) : null,
    progress: s && !snapshot.notFound ? progressView(s, tr) : null,
    // "0 of 2" before anything was sent (or on a payment that never came) is noise: confirmations
    // count once a transaction exists.
    confirmationsText:
      s && s.confirmations !== null && s.confirmationsRequired !== null && (mode === 'paid' || s.confirmations > 0)
        ? tr.t('card.confirmations', { seen: s.confirmations, required: s.confirmationsRequired })
        : null,
  }
}
