/**
 * Payment channels: the in-memory store and the timeline each channel walks
 * (waiting_payment → payment_detected → confirming n/required → creating_account → completed).
 */
import {
  REQUIRED_CONFIRMATIONS,
  type Currency,
  type DetailedStatusCode,
  type StoredStatus,
} from '../src/core/protocol/messages.js'
import { cryptoAmount, fakeAddress, newChannelId, newTxHash, ACCOUNT_COST_USD } from './fakes.js'

/**
 * How a channel moves along its timeline.
 * - `auto`: plays the whole timeline by itself (the dev demo).
 * - `await-payment`: waits for a payment (`payment_sent`, verify-transaction or an advance), then
 *   plays the rest by itself, like a real channel.
 * - `manual`: moves only when told (`POST /__sim/channels/:id/advance`, or a reported payment).
 */
export type ChannelMode = 'auto' | 'await-payment' | 'manual'

export const CHANNEL_MODES: readonly ChannelMode[] = ['auto', 'await-payment', 'manual']

/** One immutable snapshot of a channel; every change makes a new one (polls may serve old ones). */
export interface ChannelState {
  readonly channelId: string
  readonly username: string
  readonly cryptoType: Currency
  readonly amountCrypto: number
  readonly amountUsd: number
  readonly address: string
  readonly memo: string | null
  /** The stored status, in the REST vocabulary. */
  readonly status: StoredStatus
  readonly txHash: string | null
  readonly confirmations: number
  /** Epoch ms. */
  readonly createdAt: number
  readonly expiresAt: number
  readonly confirmedAt: number | null
  readonly accountCreatedAt: number | null
  readonly publicKeys: Readonly<Record<string, string>> | null
  /** How the timeline ends once the account step is reached. */
  readonly outcome: 'completed' | 'failed'
  readonly mode: ChannelMode
  /** Increases on every change. */
  readonly version: number
}

export interface CreateChannelOptions {
  /** @default 'BTC' */
  currency?: Currency
  /** @default a made-up `demo-xxxx` name */
  username?: string
  /** @default 'manual' */
  mode?: ChannelMode
  /** Start already expired (created 25 h ago, expired 1 h ago). @default false */
  expired?: boolean
  /** End in `failed` instead of `completed`. @default 'completed' */
  outcome?: 'completed' | 'failed'
  /** @default null */
  memo?: string | null
  publicKeys?: Record<string, string> | null
}

/** Steps the timeline can be asked to reach directly (`advance` with `to`). */
export type AdvanceTarget = Exclude<DetailedStatusCode, 'waiting_payment'>

export const ADVANCE_TARGETS: readonly AdvanceTarget[] = [
  'payment_detected',
  'confirming',
  'creating_account',
  'completed',
  'failed',
  'expired',
]

export type ChannelListener = (state: ChannelState, previous: ChannelState | null) => void

export interface ChannelStoreOptions {
  /**
   * Time scale of the timeline: 1 plays a channel in about 22 s, 10 in about 2 s.
   * @default 1
   */
  speed?: number
  /**
   * Channels kept; the oldest are forgotten past it (a benchmark creates thousands).
   * @default 10000
   */
  maxChannels?: number
}

export interface ChannelStore {
  create(options?: CreateChannelOptions): ChannelState
  get(channelId: string): ChannelState | undefined
  /** The snapshot before the current one (or the current one if it never changed). */
  previous(channelId: string): ChannelState | undefined
  /** One step along the timeline, or straight to `to`. Undefined for an unknown channel. */
  advance(channelId: string, to?: AdvanceTarget): ChannelState | undefined
  /** A payment was reported: a waiting channel moves to payment_detected with this hash. */
  recordPayment(channelId: string, txHash: string): { state: ChannelState; changed: boolean } | undefined
  /** A channel for this username that is still in progress (not terminal, not expired). */
  findInProgress(username: string): ChannelState | undefined
  list(): ChannelState[]
  /** Called after every change; returns its remover. */
  onChange(listener: ChannelListener): () => void
  /** Stops every timeline timer. The store stays readable. */
  close(): void
}

/** Base durations of each step at speed 1, in ms. Confirmations share CONFIRMING_TOTAL_MS. */
export const STEP_MS = {
  waiting: 5000,
  detected: 4000,
  confirmingTotal: 8000,
  creating: 5000,
} as const

const DAY_MS = 24 * 60 * 60 * 1000

/** True when the payment window has closed on a channel still waiting for its payment. */
export function isExpired(state: ChannelState, now = Date.now()): boolean {
  return now > state.expiresAt
}

/** True once the timeline cannot move any more. */
export function isFinished(state: ChannelState, now = Date.now()): boolean {
  if (state.status === 'completed' || state.status === 'failed') return true
  return state.status === 'pending' && isExpired(state, now)
}

/** The state one step further along, or null at the end. Pure: no clock but `now`. */
export function nextState(state: ChannelState, now: number): ChannelState | null {
  if (isFinished(state, now)) return null
  const required = REQUIRED_CONFIRMATIONS[state.cryptoType]
  const bump = { version: state.version + 1 }
  switch (state.status) {
    case 'pending':
      if (!state.txHash) return { ...state, ...bump, txHash: newTxHash() }
      return { ...state, ...bump, status: 'confirming', confirmations: 1 }
    case 'confirming':
      if (state.confirmations < required) {
        return { ...state, ...bump, confirmations: state.confirmations + 1 }
      }
      return { ...state, ...bump, status: 'confirmed', confirmedAt: now }
    case 'confirmed':
      if (state.outcome === 'failed') return { ...state, ...bump, status: 'failed' }
      return { ...state, ...bump, status: 'completed', accountCreatedAt: now }
    default:
      return null
  }
}

/** How long a channel stays in its current step at speed 1. */
export function stepDuration(state: ChannelState): number {
  switch (state.status) {
    case 'pending':
      return state.txHash ? STEP_MS.detected : STEP_MS.waiting
    case 'confirming':
      return STEP_MS.confirmingTotal / REQUIRED_CONFIRMATIONS[state.cryptoType]
    case 'confirmed':
      return STEP_MS.creating
    default:
      return 0
  }
}

/** Which target a state has reached, to stop an `advance(to)` loop. */
function hasReached(state: ChannelState, to: AdvanceTarget): boolean {
  switch (to) {
    case 'payment_detected':
      return state.status !== 'pending' || state.txHash !== null
    case 'confirming':
      return state.status !== 'pending'
    case 'creating_account':
      return state.status === 'confirmed' || state.status === 'completed' || state.status === 'failed'
    case 'completed':
    case 'failed':
      return state.status === 'completed' || state.status === 'failed'
    case 'expired':
      return true
  }
}

let usernameCounter = 0

function defaultUsername(): string {
  usernameCounter = (usernameCounter + 1) % 10000
  return `demo-${String(usernameCounter).padStart(4, '0')}`
}

/** Creates an empty store. */
export function createChannelStore(options: ChannelStoreOptions = {}): ChannelStore {
  const speed = options.speed && options.speed > 0 ? options.speed : 1
  const maxChannels = options.maxChannels ?? 10000
  const current = new Map<string, ChannelState>()
  const older = new Map<string, ChannelState>()
  const timers = new Map<string, NodeJS.Timeout>()
  const listeners = new Set<ChannelListener>()
  let closed = false

  function commit(next: ChannelState): void {
    const previous = current.get(next.channelId) ?? null
    if (previous) older.set(next.channelId, previous)
    current.set(next.channelId, next)
    for (const listener of listeners) listener(next, previous)
    schedule(next)
  }

  /** Plays the next step after the current step's duration, if this channel plays by itself. */
  function schedule(state: ChannelState): void {
    clearTimeout(timers.get(state.channelId))
    timers.delete(state.channelId)
    if (closed || state.mode !== 'auto' || isFinished(state)) return
    const timer = setTimeout(() => {
      timers.delete(state.channelId)
      // The timer belongs to the snapshot it was made for; a manual step since then rescheduled.
      if (current.get(state.channelId) !== state) return
      const next = nextState(state, Date.now())
      if (next) commit(next)
    }, stepDuration(state) / speed)
    timers.set(state.channelId, timer)
  }

  function forgetOldest(): void {
    const oldest = current.keys().next()
    if (oldest.done) return
    clearTimeout(timers.get(oldest.value))
    timers.delete(oldest.value)
    current.delete(oldest.value)
    older.delete(oldest.value)
  }

  return {
    create(opts = {}) {
      if (current.size >= maxChannels) forgetOldest()
      const now = Date.now()
      const currency = opts.currency ?? 'BTC'
      const createdAt = opts.expired ? now - DAY_MS - 60 * 60 * 1000 : now
      const state: ChannelState = {
        channelId: newChannelId(),
        username: opts.username ?? defaultUsername(),
        cryptoType: currency,
        amountCrypto: cryptoAmount(currency),
        amountUsd: ACCOUNT_COST_USD,
        address: fakeAddress(currency),
        memo: opts.memo ?? null,
        status: 'pending',
        txHash: null,
        confirmations: 0,
        createdAt,
        expiresAt: createdAt + DAY_MS,
        confirmedAt: null,
        accountCreatedAt: null,
        publicKeys: opts.publicKeys ?? null,
        outcome: opts.outcome ?? 'completed',
        mode: opts.mode ?? 'manual',
        version: 1,
      }
      commit(state)
      return state
    },
    get: (channelId) => current.get(channelId),
    previous: (channelId) => older.get(channelId) ?? current.get(channelId),
    advance(channelId, to) {
      let state = current.get(channelId)
      if (!state) return undefined
      const now = Date.now()
      if (to === 'expired') {
        // Expiry only means something while the payment is still awaited (real server rule).
        commit({ ...state, status: 'pending', expiresAt: now - 60_000, version: state.version + 1 })
        return current.get(channelId)
      }
      if (to === 'failed' && !isFinished(state, now)) {
        commit({ ...state, status: 'failed', version: state.version + 1 })
        return current.get(channelId)
      }
      // Bounded: the longest timeline has 1 + 1 + 10 + 1 + 1 steps.
      for (let i = 0; i < 20; i += 1) {
        const next = nextState(state, now)
        if (!next) break
        state = next
        if (!to || hasReached(state, to)) break
      }
      // An advance past the payment counts as the payment an await-payment channel waits for.
      if (state.mode === 'await-payment' && state.txHash) state = { ...state, mode: 'auto' }
      if (state !== current.get(channelId)) commit(state)
      return current.get(channelId)
    },
    recordPayment(channelId, txHash) {
      const state = current.get(channelId)
      if (!state) return undefined
      if (state.status !== 'pending' || state.txHash || isExpired(state)) {
        return { state, changed: false }
      }
      const mode: ChannelMode = state.mode === 'await-payment' ? 'auto' : state.mode
      commit({ ...state, txHash, mode, version: state.version + 1 })
      return { state: current.get(channelId) ?? state, changed: true }
    },
    findInProgress(username) {
      const now = Date.now()
      for (const state of current.values()) {
        if (state.username === username && !isFinished(state, now)) return state
      }
      return undefined
    },
    list: () => [...current.values()],
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close() {
      closed = true
      for (const timer of timers.values()) clearTimeout(timer)
      timers.clear()
      listeners.clear()
    },
  }
}
