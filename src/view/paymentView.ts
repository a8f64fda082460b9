/**
 * What the payment card shows, worked out once from the monitor's snapshot: the status in the
 * page's words, whether to invite a payment or summarise one, the network, the wallet link.
 * Components render these fields and work nothing out again.
 */
import type { MonitorSnapshot } from '../core/machine/snapshot'
import { amountDigits } from '../core/payment/amount'
import { explorerTxUrl } from '../core/payment/explorer'
import { NETWORKS, networkName } from '../core/payment/networks'
import { paymentUri } from '../core/payment/paymentUri'
import { serverWordsWorthShowing } from '../core/payment/serverText'
import { isTerminal, type PaymentStatus } from '../core/protocol/status'
import { STATUS_TITLES, statusSentence, type DisplayCode } from './paymentWording'
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
  /** Server messages that add something to the sentence (plain text). */
  serverWords: string[]
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

// Built on first use: the first Intl formatter a page creates costs tens to hundreds of
// milliseconds on a phone, and the first status (from HTTP) carries no dollar value to format.
let usd: Intl.NumberFormat | null = null
function formatUsd(value: number): string {
  usd ??= new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' })
  return usd.format(value)
}

function addressMode(s: PaymentStatus | null): AddressMode {
  if (s === null || s.address === null) return 'none'
  if (s.code === 'waiting_payment') return 'pay'
  if (s.txHash !== null || ['payment_detected', 'confirming', 'creating_account', 'completed'].includes(s.code)) return 'paid'
  return 'closed'
}

export function paymentView(snapshot: Pick<MonitorSnapshot, 'status' | 'notFound'>): PaymentView {
  const s = snapshot.status
  const code: DisplayCode | null = snapshot.notFound ? 'not_found' : (s?.code ?? null)
  const stopped = s !== null && isTerminal(s.code)
  const terminal: TerminalKind | null = snapshot.notFound ? 'not_found' : stopped ? (s.code as TerminalKind) : null
  const network = networkName(s?.currency ?? null)
  const title = code ? STATUS_TITLES[code] : ''
  const sentence = code ? statusSentence(code, s, network) : ''
  const mode = addressMode(snapshot.notFound ? null : s)
  const walletUri = mode === 'pay' && s?.address ? paymentUri(s.currency, s.address, s.amount) : null
  const usdValue = s?.amountUsd
  const amountText = s?.amount ? (s.currency ? `${s.amount} ${s.currency}` : s.amount) : null
  return {
    code,
    title,
    sentence,
    serverWords: s && !snapshot.notFound ? serverWordsWorthShowing(s.code, [title, sentence], [s.message, s.details]) : [],
    terminal,
    stopped,
    canReport: !snapshot.notFound && s?.code === 'waiting_payment',
    status: s,
    network,
    amountText,
    amountDigits: s?.amount && s.currency ? amountDigits(s.amount, NETWORKS[s.currency].decimals) : null,
    amountUsdText: typeof usdValue === 'number' && Number.isFinite(usdValue) ? `≈ ${formatUsd(usdValue)}` : null,
    addressMode: mode,
    walletUri,
    qrText: mode === 'pay' ? (walletUri ?? s?.address ?? null) : null,
    qrCaption: ['Scan to pay', walletUri ? amountText : null, network ? `on ${network}` : null].filter(Boolean).join(' '),
    explorerUrl: s?.txHash ? explorerTxUrl(s.currency, s.txHash) : null,
    progress: s && !snapshot.notFound ? progressView(s) : null,
    // "0 of 2" before anything was sent (or on a payment that never came) is noise: confirmations
    // count once a transaction exists.
    confirmationsText:
      s && s.confirmations !== null && s.confirmationsRequired !== null && (mode === 'paid' || s.confirmations > 0)
        ? `${s.confirmations} of ${s.confirmationsRequired}`
        : null,
  }
}
