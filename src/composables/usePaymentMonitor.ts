/**
 * The one interface components use to watch a payment. It starts monitoring when `channelId` is a
 * valid ID, follows it when it changes, feeds connectivity and visibility to the monitor, and
 * stops everything when the calling component's scope ends. It also works out what the page shows
 * (`view`), so components only render.
 */
import { tryOnScopeDispose, useDocumentVisibility, useIntervalFn, useNow, useOnline } from '@vueuse/core'
import { storeToRefs } from 'pinia'
import { computed, readonly, toValue, watch, type MaybeRefOrGetter } from 'vue'
import { isValidChannelId } from '../core/protocol/channelId'
import { usePaymentMonitorStore } from '../stores/paymentMonitor'
import { pageView } from '../view/pageView'
import { useLanguage } from './useLanguage'

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

  // The page's one ticking clock (ages, the countdown), released with the scope; components own no timers.
  const nowDate = useNow({ scheduler: (tick) => useIntervalFn(tick, 1000) })
  const now = computed(() => nowDate.value.getTime())

  const { translator } = useLanguage()
  const view = computed(() => pageView(snapshot.value, now.value, translator.value))

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
    view,
    now,
    retry: store.retry,
    stop,
    reportPaymentSent: store.reportPaymentSent,
  }
}

export type PaymentMonitorHandle = ReturnType<typeof usePaymentMonitor>
