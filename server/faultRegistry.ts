/**
 * The registry that says which fault is in force, globally or for one channel, and switches
 * faults on: it applies a socket fault to the sockets already open and heals a self-healing one.
 */
import type { Fault, FaultHost, FaultTimings } from './faultHooks.js'
import { FAULTS, isFaultName, type FaultName } from './faultTable.js'
import type { SimLog } from './log.js'

/** A fault in force, with its name for logs. */
export interface ActiveFault {
  name: FaultName
  fault: Fault
}

/** Which faults are in force. */
export interface FaultSnapshot {
  global: FaultName | null
  channels: Record<string, FaultName>
}

/** Why a fault could not be set; the admin endpoint answers 400 with its message. */
export class FaultError extends Error {}

export interface FaultRegistry {
  /**
   * Switches a fault on (or off with null) globally, or for one channel.
   * `durationMs` overrides how long a self-healing fault (restart) lasts.
   * @throws FaultError for an unknown name or a global-only fault given a channel
   */
  set(name: FaultName | null, options?: { channelId?: string | null; durationMs?: number }): FaultSnapshot
  /** The fault in force for a channel: its own, else the global one. */
  forChannel(channelId: string | null | undefined): ActiveFault | null
  /** The global fault. */
  global(): ActiveFault | null
  snapshot(): FaultSnapshot
  /** Connects the registry to the sockets it acts on when a fault is switched on. */
  attach(host: FaultHost): void
  /** Stops the heal timer. */
  close(): void
}

const MAX_CHANNEL_FAULTS = 10000

/** What `set` is asked to do; an empty channel id means global, as no channel has one. */
interface FaultRequest {
  name: FaultName | null
  channelId: string | null
}

/** Requests `set` refuses, checked in this order before anything changes. */
const REFUSALS: ReadonlyArray<{
  when(request: FaultRequest, perChannel: ReadonlyMap<string, FaultName>): boolean
  why(request: FaultRequest): string
}> = [
  {
    when: ({ name }) => name !== null && !isFaultName(name),
    why: ({ name }) => `Unknown fault: ${String(name)}`,
  },
  {
    when: ({ name, channelId }) => Boolean(name && channelId && FAULTS[name].globalOnly),
    why: ({ name }) => `Fault ${String(name)} acts before a socket names its channel: set it globally`,
  },
  {
    when: ({ name, channelId }, perChannel) =>
      Boolean(name && channelId && perChannel.size >= MAX_CHANNEL_FAULTS && !perChannel.has(channelId)),
    why: () => 'Too many per-channel faults',
  },
]

/** Creates a registry with no fault in force. */
export function createFaultRegistry(timings: FaultTimings, log: SimLog): FaultRegistry {
  let globalName: FaultName | null = null
  const perChannel = new Map<string, FaultName>()
  let host: FaultHost | null = null
  let healTimer: NodeJS.Timeout | undefined

  const active = (name: FaultName | null | undefined): ActiveFault | null =>
    name ? { name, fault: FAULTS[name] } : null

  const snapshot = (): FaultSnapshot => ({ global: globalName, channels: Object.fromEntries(perChannel) })

  function heal(name: FaultName): void {
    healTimer = undefined
    if (globalName !== name) return
    globalName = null
    log.add({ kind: 'heal', fault: name, detail: 'fault healed itself' })
  }

  return {
    set(name, options = {}) {
      const channelId = options.channelId ?? null
      const refused = REFUSALS.find((rule) => rule.when({ name, channelId }, perChannel))
      if (refused) throw new FaultError(refused.why({ name, channelId }))
      if (channelId) {
        if (name) perChannel.set(channelId, name)
        else perChannel.delete(channelId)
      } else {
        globalName = name
        clearTimeout(healTimer)
        healTimer = undefined
      }
      log.add({ kind: 'fault', fault: name, ...(channelId ? { channelId } : {}) })
      const unit: Fault | null = name ? FAULTS[name] : null
      if (unit && host) {
        const healAfter = unit.activate?.(host, {
          ...timings,
          ...(options.durationMs !== undefined ? { restartMs: options.durationMs } : {}),
        })
        if (typeof healAfter === 'number' && !channelId) {
          healTimer = setTimeout(() => heal(name as FaultName), healAfter)
        }
        // Sockets already open come under a socket fault at once, so a toggle shows its effect.
        if (unit.socket) for (const socket of host.socketsFor(channelId)) unit.socket(socket, timings)
      }
      return snapshot()
    },
    forChannel: (channelId) => active((channelId && perChannel.get(channelId)) || globalName),
    global: () => active(globalName),
    snapshot,
    attach(next) {
      host = next
    },
    close() {
      clearTimeout(healTimer)
      healTimer = undefined
    },
  }
}
