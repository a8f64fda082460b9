/**
 * Which sockets follow which channel: subscribing, the periodic status per channel, and the
 * frames subscribers get, with the channel as it looks under the fault in force.
 */
import { SERVER_ERRORS, type ErrorMessage } from '../src/core/protocol/messages.js'
import type { ChannelState } from './channelState.js'
import type { ChannelStore } from './channelStore.js'
import type { FaultTimings } from './faultHooks.js'
import type { FaultRegistry } from './faultRegistry.js'
import type { SimLog } from './log.js'
import { send, sendRaw, type Connection, type Outgoing } from './socketConnection.js'
import { statusFrame } from './wire.js'

export interface SubscriptionsOptions {
  store: ChannelStore
  faults: FaultRegistry
  log: SimLog
  timings: FaultTimings
  /** Period of the status_update a subscribed channel gets. */
  statusIntervalMs: number
}

export interface Subscriptions {
  subscribe(conn: Connection, channelId: string): void
  unsubscribe(conn: Connection, channelId: string): void
  /** Like the real `broadcastToChannel`: every subscriber of the channel gets the frame. */
  broadcast(channelId: string, message: Outgoing): void
  /** The real `sendChannelStatus`: a status_update, or the not-found error, to every subscriber. */
  publish(channelId: string): void
  /** The channel as readers see it under the fault in force (null: not found). */
  view(channelId: string): ChannelState | null
  /** A channel's subscribers; an empty set when it has none. */
  subscribersOf(channelId: string): ReadonlySet<Connection>
  /** Stops every channel's periodic status. */
  close(): void
}

export function notFound(channelId: string): ErrorMessage {
  return { type: 'error', message: SERVER_ERRORS.channelNotFound, channelId, timestamp: new Date().toISOString() }
}

/** Creates the subscriptions, with no subscriber. */
export function createSubscriptions(options: SubscriptionsOptions): Subscriptions {
  const { store, faults, log, timings } = options
  const subscribers = new Map<string, Set<Connection>>()
  const monitors = new Map<string, NodeJS.Timeout>()

  function broadcast(channelId: string, message: Outgoing): void {
    const subs = subscribers.get(channelId)
    if (!subs) return
    const text = JSON.stringify(message)
    for (const conn of subs) sendRaw(conn, text)
  }

  function view(channelId: string): ChannelState | null {
    const state = store.get(channelId)
    if (!state) return null
    const view = faults.forChannel(channelId)?.fault.view
    return view ? view(state, Date.now()) : state
  }

  /** The status_update for a channel as readers see it now, or the not-found error; null: a fault withholds it. */
  function currentFrame(channelId: string): Outgoing | null {
    const state = view(channelId)
    if (!state) return notFound(channelId)
    const rewrite = faults.forChannel(channelId)?.fault.frame
    const frame = statusFrame(state)
    return rewrite ? rewrite(frame) : frame
  }

  function publish(channelId: string): void {
    const frame = subscribers.has(channelId) ? currentFrame(channelId) : null
    if (frame) broadcast(channelId, frame)
  }

  function startMonitor(channelId: string): void {
    if (monitors.has(channelId)) return
    // One timer per channel, as the real server keeps one monitoring interval per channel.
    monitors.set(channelId, setInterval(() => publish(channelId), options.statusIntervalMs))
  }

  function unsubscribe(conn: Connection, channelId: string): void {
    const subs = subscribers.get(channelId)
    conn.channels.delete(channelId)
    if (!subs) return
    subs.delete(conn)
    if (subs.size > 0) return
    subscribers.delete(channelId)
    clearInterval(monitors.get(channelId))
    monitors.delete(channelId)
  }

  function subscribe(conn: Connection, channelId: string): void {
    let subs = subscribers.get(channelId)
    if (!subs) subscribers.set(channelId, (subs = new Set()))
    subs.add(conn)
    conn.channels.add(channelId)
    log.add({ kind: 'subscribe', connectionId: conn.id, channelId })
    // The real server broadcasts here, so every subscriber gets an extra frame per subscribe;
    // answering the subscriber alone keeps 1000 sockets on one channel linear (benchmarks).
    const frame = currentFrame(channelId)
    if (frame) send(conn, frame)
    const active = faults.forChannel(channelId)
    if (active?.fault.burst) for (const frame of active.fault.burst(channelId)) sendRaw(conn, frame)
    // A per-channel socket fault takes hold here: the earliest moment the socket names a channel.
    active?.fault.socket?.(conn.handle, timings)
    startMonitor(channelId)
  }

  return {
    subscribe,
    unsubscribe,
    broadcast,
    publish,
    view,
    subscribersOf: (channelId) => subscribers.get(channelId) ?? new Set<Connection>(),
    close() {
      for (const timer of monitors.values()) clearInterval(timer)
      monitors.clear()
    },
  }
}
