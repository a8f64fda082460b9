/**
 * The in-memory store of payment channels: keeps each channel's current and previous snapshot,
 * and plays the timeline of channels that move by themselves.
 */
import type { Currency } from '../src/core/protocol/messages.js'
import { isExpired, type ChannelMode, type ChannelState } from './channelState.js'
import { cryptoAmount, fakeAddress, newChannelId, ACCOUNT_COST_USD } from './fakes.js'
import { advanceState, isFinished, nextState, stepDuration, type AdvanceTarget } from './paymentTimeline.js'

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

const DAY_MS = 24 * 60 * 60 * 1000

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
      const state = current.get(channelId)
      if (!state) return undefined
      const next = advanceState(state, Date.now(), to)
      if (next !== state) commit(next)
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
