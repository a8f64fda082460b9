/** The connection badge's words: honest about what delivers status, without alarm. */
import type { FailureReason, TransportKind } from '../../core/machine/snapshot'
import type { ConnectionState } from '../../core/machine/states'
import { formatSpan, wholeSeconds } from '../format'

export interface BadgeInput {
  state: ConnectionState
  transport: TransportKind
  online: boolean
  pollIntervalMs: number
  nextSocketAttemptAt: number | null
  failureReason: FailureReason
  notFound: boolean
  /** Monitoring ended at a terminal status. */
  stopped: boolean
  now: number
}

export type BadgeTone = 'live' | 'polling' | 'connecting' | 'offline' | 'failed' | 'idle'

export interface BadgeText {
  tone: BadgeTone
  label: string
  /** A second line, or empty. */
  detail: string
  /** The same news without ticking numbers, for screen readers. */
  announce: string
}

function secondsUntil(at: number | null, now: number): number | null {
  if (at === null || at <= now) return null
  return wholeSeconds(at - now)
}

export function badgeText(i: BadgeInput): BadgeText {
  const reconnectIn = secondsUntil(i.nextSocketAttemptAt, i.now)
  if (!i.online) {
    return {
      tone: 'offline',
      label: 'Offline',
      detail: 'Waiting for the network; updates resume by themselves.',
      announce: 'You are offline. Updates resume when the network is back.',
    }
  }
  switch (i.state) {
    case 'open':
      return { tone: 'live', label: 'Live', detail: '', announce: 'Live updates connected.' }
    case 'polling': {
      const every = `Updating every ${formatSpan(i.pollIntervalMs)}`
      return {
        tone: 'polling',
        label: every,
        detail: reconnectIn !== null ? `Live connection: reconnecting in ${reconnectIn} s` : 'Live connection unavailable',
        announce: `Live connection unavailable. ${every}.`,
      }
    }
    case 'connecting':
      return {
        tone: 'connecting',
        label: reconnectIn !== null ? `Reconnecting in ${reconnectIn} s` : 'Connecting…',
        detail: '',
        announce: 'Connecting.',
      }
    case 'failed':
      if (i.notFound || i.failureReason === 'not_found') {
        return {
          tone: 'failed',
          label: 'Channel not found',
          detail: 'Checking again once a minute',
          announce: 'Payment channel not found.',
        }
      }
      return {
        tone: 'failed',
        label: 'Connection failed',
        detail: 'The payment server cannot be reached right now.',
        announce: 'Connection failed. Use Retry now to try again.',
      }
    case 'idle':
      return i.stopped
        ? { tone: 'idle', label: 'Monitoring stopped', detail: '', announce: 'Monitoring stopped.' }
        : { tone: 'idle', label: 'Not connected', detail: '', announce: '' }
  }
  return { tone: 'idle', label: '', detail: '', announce: '' }
}
