/**
 * The one interface components use to watch a payment. It starts monitoring when `channelId` is a
 * valid ID, follows it when it changes, feeds connectivity and visibility to the monitor, and
 * stops everything when the calling component's scope ends.
 */
import { tryOnScopeDispose, useDocumentVisibility, useOnline } from '@vueuse/core'
import { storeToRefs } from 'pinia'
import { readonly, toValue, watch, type MaybeRefOrGetter } from 'vue'
import { isValidChannelId } from '../core/protocol/channelId'
import { usePaymentMonitorStore } from '../stores/paymentMonitor'

export function usePaymentMonitor(channelId: MaybeRefOrGetter<string | null>) {
  const store = usePaymentMonitorStore()
  const { snapshot, state, transport, status } = storeToRefs(store)
  const online = useOnline()
  const visibility = useDocumentVisibility()

  const stopOnline = watch(online, (value) => store.setOnline(value), { immediate: true })
  const stopVisibility = watch(visibility, (value) => store.setVisible(value !== 'hidden'), { immediate: true })
  const stopChannel = watch(
    () => toValue(channelId),
    (id) => {
      if (id !== null && isValidChannelId(id)) store.start(id)
      else store.stop()
    },
    { immediate: true },
  )

  function stop(): void {
    stopChannel()
    stopOnline()
    stopVisibility()
    store.stop()
  }
  // The store outlives components: the component that watches a payment owns its connection.
  tryOnScopeDispose(stop)

  return {
    snapshot: readonly(snapshot),
    status,
    state,
    transport,
    retry: store.retry,
    stop,
    reportPaymentSent: store.reportPaymentSent,
  }
}

export type PaymentMonitorHandle = ReturnType<typeof usePaymentMonitor>
