/**
 * The connection in a payer's words and language: what delivers status now ("Live", "Updating every
 * 5 sec"), with no ticking countdowns and no close codes (those live in the diagnostics panel, whose
 * one-line `summary` stays in English like the rest of the panel).
 */
import type { TransportKind } from '../core/machine/connection'
import type { MonitorSnapshot } from '../core/machine/snapshot'
import type { ConnectionState } from '../core/machine/states'
import { formatSpan } from '../core/format'
import type { Translator } from '../core/i18n/translator'

export type ConnectionTone = 'live' | 'polling' | 'connecting' | 'offline' | 'failed' | 'idle'

/**
 * The snapshot as this view reads it. `statusStale` is true while a socket is open but cannot
 * vouch for the status it last delivered; a monitor without it never claims so.
 */
export type ConnectionInput = Pick<
  MonitorSnapshot,
  'state' | 'transport' | 'online' | 'pollIntervalMs' | 'failureReason' | 'notFound' | 'lastUpdateAt' | 'lastCloseCode' | 'wsAttempts'
> & { statusStale?: boolean }

export interface ConnectionView {
  state: ConnectionState
  transport: TransportKind
  tone: ConnectionTone
  label: string
  /** A second line, or empty. */
  detail: string
  /** The same news for screen readers, announced when it changes. */
  announce: string
  canRetry: boolean
  /** Browser clock of the last status update, or null. */
  lastUpdateAt: number | null
  /** `Last update 12 sec. ago`, or `No update received yet`. */
  ageText: string
  /** No update for a while although updates are expected. */
  stale: boolean
  /** The collapsed diagnostics panel's one line, in plain words. */
  summary: string
  /**
   * Something to diagnose: a status arrived, or the page fell back to polling or failed. Before
   * that the panel stays out of the page, so the first status does not push it down.
   */
  diagnosable: boolean
}

interface Words {
  tone: ConnectionTone
  label: string
  detail: string
  announce: string
  summary: string
}

function words(i: ConnectionInput, stopped: boolean, tr: Translator): Words {
  if (!i.online) {
    return {
      tone: 'offline',
      label: tr.t('badge.offline'),
      detail: tr.t('badge.offline_detail'),
      announce: tr.t('badge.offline_said'),
      summary: 'This device is offline.',
    }
  }
  switch (i.state) {
    case 'open':
      if (i.statusStale === true) {
        return {
          tone: 'connecting',
          label: tr.t('badge.checking'),
          detail: '',
          announce: tr.t('badge.checking_said'),
          summary: 'Connected; checking that updates still arrive.',
        }
      }
      return { tone: 'live', label: tr.t('badge.live'), detail: '', announce: tr.t('badge.live_said'), summary: 'Live connection working.' }
    case 'polling': {
      const interval = tr.span(i.pollIntervalMs)
      return {
        tone: 'polling',
        label: tr.t('badge.polling', { interval }),
        detail: '',
        announce: tr.t('badge.polling_said', { interval }),
        summary:
          i.lastCloseCode !== null
            ? `The live connection keeps dropping, so the page checks every ${formatSpan(i.pollIntervalMs)} instead.`
            : `No live connection, so the page checks every ${formatSpan(i.pollIntervalMs)} instead.`,
      }
    }
    case 'connecting':
      return { tone: 'connecting', label: tr.t('badge.connecting'), detail: '', announce: tr.t('badge.connecting_said'), summary: 'Connecting.' }
    case 'failed':
      if (i.notFound || i.failureReason === 'not_found') {
        return {
          tone: 'failed',
          label: tr.t('badge.not_found'),
          detail: tr.t('badge.not_found_detail'),
          announce: tr.t('badge.not_found_said'),
          summary: 'The server does not know this payment; checking again once a minute.',
        }
      }
      return {
        tone: 'failed',
        label: tr.t('badge.failed'),
        detail: tr.t('badge.failed_detail'),
        announce: tr.t('badge.failed_said'),
        summary: 'The payment server cannot be reached right now.',
      }
    case 'idle':
      return stopped
        ? { tone: 'idle', label: tr.t('badge.finished'), detail: tr.t('badge.finished_detail'), announce: '', summary: 'Finished; the connection is closed.' }
        : { tone: 'idle', label: tr.t('badge.idle'), detail: '', announce: '', summary: 'Not connected.' }
  }
  return { tone: 'idle', label: '', detail: '', announce: '', summary: '' }
}

/** No update for three poll periods (at least 30 s) while updates are still expected. */
export function isStale(i: ConnectionInput, stopped: boolean, now: number): boolean {
  if (stopped || i.state === 'idle' || i.lastUpdateAt === null) return false
  return now - i.lastUpdateAt > Math.max(30_000, 3 * i.pollIntervalMs)
}

function ageText(lastUpdateAt: number | null, now: number, tr: Translator): string {
  if (lastUpdateAt === null) return tr.t('badge.age_none')
  const age = Math.max(0, now - lastUpdateAt)
  return age < 1500 ? tr.t('badge.age_now') : tr.t('badge.age', { age: tr.ago(age) })
}

export function connectionView(i: ConnectionInput, stopped: boolean, now: number, tr: Translator): ConnectionView {
  return {
    ...words(i, stopped, tr),
    state: i.state,
    transport: i.transport,
    // Not while connecting: the attempt settles within seconds, and a button that comes and goes
    // at every page load would shift the layout.
    canRetry: i.state === 'polling' || i.state === 'failed',
    lastUpdateAt: i.lastUpdateAt,
    ageText: ageText(i.lastUpdateAt, now, tr),
    diagnosable: i.lastUpdateAt !== null || i.notFound || i.state === 'polling' || i.state === 'failed',
    stale: isStale(i, stopped, now),
  }
}
