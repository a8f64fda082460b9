/**
 * Socket failures injected from inside this process, on the in-process simulator, so that the
 * payment can move on at the very moment the socket dies without the dying socket delivering it:
 * the socket is muted first (nothing more leaves the server on it), then the channel advances,
 * then the socket is cut or left silent. Whoever shows the new status learned it some other way.
 */
import type { Simulator } from '../server/simulator'

/** Mutes the channel's open sockets and advances the channel one step. Returns the epoch ms. */
function muteAndAdvance(sim: Simulator, channelId: string): number {
  sim.app.faults.set('silent', { channelId })
  // The per-channel fault is cleared at once: only the sockets open now stay muted.
  sim.app.faults.set(null, { channelId })
  const at = Date.now()
  sim.app.store.advance(channelId)
  return at
}

/** The socket is destroyed without a close frame (client sees 1006) as the payment moves on. */
export function cutAndAdvance(sim: Simulator, channelId: string): number {
  const at = muteAndAdvance(sim, channelId)
  for (const socket of sim.app.sockets.socketsFor(channelId)) socket.cut(0)
  return at
}

/** The socket stays open but silent (a half-dead connection) as the payment moves on. */
export function silenceAndAdvance(sim: Simulator, channelId: string): number {
  return muteAndAdvance(sim, channelId)
}

/** From now on every socket of this channel flaps: cut about 80 ms after it subscribes. */
export function startFlapping(sim: Simulator, channelId: string): void {
  sim.app.faults.set('cut-after-welcome', { channelId })
}

export function stopFaults(sim: Simulator, channelId: string): number {
  sim.app.faults.set(null, { channelId })
  return Date.now()
}

/**
 * The socket stays open and keeps answering pings, but no status reaches it any more (not even
 * after a reconnect, while the fault is on) as the payment moves on. Only a poll can tell.
 */
export function muteStatusAndAdvance(sim: Simulator, channelId: string): number {
  sim.app.faults.set('mute-status', { channelId })
  const at = Date.now()
  sim.app.store.advance(channelId)
  return at
}
