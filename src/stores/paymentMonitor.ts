/**
 * The Pinia store that owns the payment monitor. It holds one `PaymentMonitor` and mirrors its
 * snapshot into a `shallowRef`, so components re-render on each change and never see a torn state.
 *
 * Ownership: the store lives as long as the Pinia instance, so it does not stop the connection by
 * itself when a component unmounts. `usePaymentMonitor` starts it and stops it with the calling
 * component's scope; `$dispose()` of the store also stops it.
 */
import { defineStore } from 'pinia'
import { computed, inject, onScopeDispose, shallowRef, type InjectionKey } from 'vue'
import { adoptingFetch, adoptingSocket } from '../core/prestart/handoff'
import { buildConfig } from '../core/config'
import type { MonitorDependencies } from '../core/machine/dependencies'
import { PaymentMonitor } from '../core/machine/monitor'
import type { PaymentSentResult } from '../core/machine/paymentSentResult'
import type { StorageLike } from '../core/machine/socketMemory'
import type { FetchLike, WebSocketLike } from '../core/transports/transport'

/** Lets tests (and embedders) supply the socket, fetch, clock and config. */
export const MONITOR_DEPENDENCIES: InjectionKey<MonitorDependencies> = Symbol('payment-monitor-dependencies')

function sessionStorageOrNull(): StorageLike | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage
  } catch {
    return null // access throws when storage is disabled
  }
}

export function browserDependencies(): MonitorDependencies {
  return {
    config: buildConfig(),
    // The DOM types its handlers with `this: WebSocket`; the transport only needs the plain shape.
    createSocket: adoptingSocket((url) => new WebSocket(url) as unknown as WebSocketLike),
    fetch: adoptingFetch(globalThis.fetch.bind(globalThis) as unknown as FetchLike),
    storage: sessionStorageOrNull(),
  }
}

export const usePaymentMonitorStore = defineStore('paymentMonitor', () => {
  const monitor = new PaymentMonitor(inject(MONITOR_DEPENDENCIES, null) ?? browserDependencies())
  const snapshot = shallowRef(monitor.getSnapshot())
  const unsubscribe = monitor.subscribe((next) => {
    snapshot.value = next
  })
  onScopeDispose(() => {
    monitor.stop()
    unsubscribe()
  })

  // The channel started and not stopped since: starting it again keeps what it has (the app starts
  // the first screen's channel before the page mounts, src/main.ts, and the page then starts it too).
  let started: string | null = null

  const state = computed(() => snapshot.value.state)
  const transport = computed(() => snapshot.value.transport)
  const status = computed(() => snapshot.value.status)

  return {
    snapshot,
    state,
    transport,
    status,
    start: (channelId: string) => {
      if (started === channelId) return
      started = channelId
      monitor.start(channelId)
    },
    stop: () => {
      started = null
      monitor.stop()
    },
    retry: () => monitor.retry(),
    setOnline: (online: boolean) => monitor.setOnline(online),
    setVisible: (visible: boolean) => monitor.setVisible(visible),
    reportPaymentSent: (txHash: string): Promise<PaymentSentResult> => monitor.reportPaymentSent(txHash),
  }
})
