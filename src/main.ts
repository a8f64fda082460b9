/**
 * The app: run by the entry (src/boot/entry.ts) once the first screen is drawn, or without one.
 *
 * When the entry already shows the first screen, the app renders off screen and replaces it only
 * once it shows a status too (the same one: it adopted the same answer), in one step, so the page
 * never goes back to "Looking up your payment…" in between.
 */
import { createApp, watch } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { FIRST_SCREEN_ATTRIBUTE } from './boot/firstScreen'
import { HANDOVER_MARKS } from './boot/handoverMarks'
import { usePaymentMonitorStore } from './stores/paymentMonitor'

/** The app takes over by then even without a status of its own, rather than leave a still screen. */
const TAKE_OVER_WITHIN_MS = 5000

const pinia = createPinia()
const app = createApp(App).use(pinia)
const shown = document.getElementById('app')

if (shown?.hasAttribute(FIRST_SCREEN_ATTRIBUTE)) {
  const container = document.createElement('div')
  container.id = 'app'
  app.mount(container)
  let timer: ReturnType<typeof setTimeout> | undefined
  const takeOver = (): void => {
    if (!container.isConnected) {
      shown.replaceWith(container)
      performance.mark(HANDOVER_MARKS.takenOver)
    }
    stop()
    clearTimeout(timer)
  }
  const store = usePaymentMonitorStore(pinia)
  const hasNews = (): boolean => store.snapshot.status !== null || store.snapshot.notFound
  // `post`: after the app has rendered that status.
  const stop = watch(
    hasNews,
    (news) => {
      if (news) takeOver()
    },
    { flush: 'post' },
  )
  if (hasNews()) takeOver()
  else timer = setTimeout(takeOver, TAKE_OVER_WITHIN_MS)
} else {
  app.mount('#app')
}
