/**
 * What a fault is: the hooks the socket and REST code call at a few points, and the timings the
 * faults use. The socket and REST code ask the fault in force what to do; they never test fault
 * names themselves.
 */
import type { StatusUpdateMessage } from '../src/core/protocol/messages.js'
import type { ChannelState } from './channelState.js'
import type { HttpRefusal } from './http.js'

/** Timings the faults use; all configurable through the simulator options. */
export interface FaultTimings {
  /** `cut-after-welcome`: delay between the welcome (or subscribe) and the cut. @default 80 */
  cutAfterWelcomeMs: number
  /** `restart`: how long upgrades are refused before the fault heals itself. @default 3000 */
  restartMs: number
  /** `slow-poll`: delay of each status answer. @default 3000 */
  slowPollMs: number
  /** `out-of-order-polls`: delay of each (stale) status answer. @default 1500 */
  outOfOrderDelayMs: number
}

export const DEFAULT_FAULT_TIMINGS: FaultTimings = {
  cutAfterWelcomeMs: 80,
  restartMs: 3000,
  slowPollMs: 3000,
  outOfOrderDelayMs: 1500,
}

export type UpgradeVerdict =
  | { kind: 'accept' }
  | { kind: 'refuse'; refusal: HttpRefusal }
  /** Never answer the upgrade request: the client's handshake hangs. */
  | { kind: 'hang' }

/** What a status poll does under a fault. */
export interface PollPlan {
  /** Hold the answer this long. */
  delayMs?: number
  /** Answer this instead of the channel. */
  refusal?: HttpRefusal
  /** Answer with the snapshot before the current one, taken when the request arrived. */
  snapshot?: 'previous'
}

/** The handle a fault gets on one WebSocket connection. */
export interface FaultSocket {
  /** Destroy the TCP socket without a close frame after `afterMs` (the client sees 1006). */
  cut(afterMs: number): void
  /** Send nothing more on this socket, pongs included, while keeping it open. */
  mute(): void
}

/** What a fault may reach when it is switched on. */
export interface FaultHost {
  /** Close every open socket with a close frame. */
  closeAllSockets(code: number, reason: string): void
  /** Sockets the fault now covers: every open one (global), or a channel's subscribers. */
  socketsFor(channelId: string | null): FaultSocket[]
}

/** One fault: a summary and the hooks it implements. Hooks it lacks behave normally. */
export interface Fault {
  summary: string
  /** Acts before a socket is tied to any channel, so it cannot be set for one channel. */
  globalOnly: boolean
  /** Decides the WebSocket upgrade (global faults only: no channel is known yet). */
  upgrade?(timings: FaultTimings): UpgradeVerdict
  /**
   * A socket comes under the fault: after its welcome (global), after it subscribes to the
   * channel (per channel), or at once for sockets already open when the fault is switched on.
   */
  socket?(socket: FaultSocket, timings: FaultTimings): void
  /** Rewrites every `status_update` frame sent while in force; null: the frame is not sent. */
  frame?(frame: StatusUpdateMessage): StatusUpdateMessage | null
  /** Extra raw frames sent right after the answer to a subscribe. */
  burst?(channelId: string): Array<string | Uint8Array>
  /** The channel as every reader (socket and poll) sees it; null means "not found". */
  view?(state: ChannelState, now: number): ChannelState | null
  /** How a status poll of `channelId` answers. */
  poll?(timings: FaultTimings, channelId: string): PollPlan
  /** Runs once when switched on; returns after how many ms the fault heals itself, if it does. */
  activate?(host: FaultHost, timings: FaultTimings): number | void
}
