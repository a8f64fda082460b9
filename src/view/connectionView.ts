/**
 * The connection in a payer's words: what delivers status now ("Live", "Updating every 5 s"), with
 * no ticking countdowns and no close codes (those live in the diagnostics panel).
 */
import type { TransportKind } from '../core/machine/connection'
import type { MonitorSnapshot } from '../core/machine/snapshot'
import type { ConnectionState } from '../core/machine/states'
import { formatSpan } from '../core/format'

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
  /** `Last update 12 s ago`, or `No update received yet`. */
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

function words(i: ConnectionInput, stopped: boolean): Words {
  const every = `Updating every ${formatSpan(i.pollIntervalMs)}`
  if (!i.online) {
    return {
      tone: 'offline',
      label: 'Offline',
      detail: 'Updates resume by themselves when the network is back.',
      announce: 'You are offline. Updates resume when the network is back.',
      summary: 'This device is offline.',
    }
  }
  switch (i.state) {
    case 'open':
      if (i.statusStale === true) {
        return {
          tone: 'connecting',
          label: 'Checking for updates…',
          detail: '',
          announce: 'Checking for updates.',
          summary: 'Connected; checking that updates still arrive.',
        }
      }
      return { tone: 'live', label: 'Live', detail: '', announce: 'Live updates.', summary: 'Live connection working.' }
    case 'polling':
      return {
        tone: 'polling',
        label: every,
        detail: '',
        announce: `${every}.`,
        summary:
          i.lastCloseCode !== null
            ? `The live connection keeps dropping, so the page checks every ${formatSpan(i.pollIntervalMs)} instead.`
            : `No live connection, so the page checks every ${formatSpan(i.pollIntervalMs)} instead.`,
      }
    case 'connecting':
      return { tone: 'connecting', label: 'Connecting…', detail: '', announce: 'Connecting.', summary: 'Connecting.' }
    case 'failed':
      if (i.notFound || i.failureReason === 'not_found') {
        return {
          tone: 'failed',
          label: 'Checking again once a minute',
          detail: 'The payment server does not know this payment yet.',
          announce: 'Checking again once a minute.',
          summary: 'The server does not know this payment; checking again once a minute.',
        }
      }
      return {
        tone: 'failed',
        label: 'Cannot reach the payment server',
        detail: 'Trying again by itself.',
        announce: 'Cannot reach the payment server. Trying again.',
        summary: 'The payment server cannot be reached right now.',
      }
    case 'idle':
      return stopped
        ? { tone: 'idle', label: 'Finished', detail: 'No more updates needed.', announce: '', summary: 'Finished; the connection is closed.' }
        : { tone: 'idle', label: 'Not connected', detail: '', announce: '', summary: 'Not connected.' }
  }
  return { tone: 'idle', label: '', detail: '', announce: '', summary: '' }
}

/** No update for three poll periods (at least 30 s) while updates are still expected. */
export function isStale(i: ConnectionInput, stopped: boolean, now: number): boolean {
  if (stopped || i.state === 'idle' || i.lastUpdateAt === null) return false
  return now - i.lastUpdateAt > Math.max(30_000, 3 * i.pollIntervalMs)
}

function ageText(lastUpdateAt: number | null, now: number): string {
  if (lastUpdateAt === null) return 'No update received yet'
  const age = Math.max(0, now - lastUpdateAt)
  return `Last update ${age < 1500 ? 'just now' : `${formatSpan(age)} ago`}`
}

export function connectionView(i: ConnectionInput, stopped: boolean, now: number): ConnectionView {
  return {
    ...words(i, stopped),
    state: i.state,
    transport: i.transport,
    // Not while connecting: the attempt settles within seconds, and a button that comes and goes
    // at every page load would shift the layout.
    canRetry: i.state === 'polling' || i.state === 'failed',
    lastUpdateAt: i.lastUpdateAt,
    ageText: ageText(i.lastUpdateAt, now),
    diagnosable: i.lastUpdateAt !== null || i.notFound || i.state === 'polling' || i.state === 'failed',
    stale: isStale(i, stopped, now),
  }
}
