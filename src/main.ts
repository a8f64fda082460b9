/**
 * The app: run by the entry (src/boot/entry.ts) once the first screen is drawn, or without one.
 *
 * When the entry already shows the first screen, the app renders off screen and replaces it only
 * once it shows a status too (the same one: it adopted the same answer), in one step, so the page
 * never goes back to "Looking up your payment…" in between.
 *
 * It renders only once the page's language has all its words (the entry started fetching them).
 */
import { createApp, watch } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { FIRST_SCREEN_ATTRIBUTE } from './boot/firstScreen'
import { HANDOVER_MARKS } from './boot/handoverMarks'
import { usePaymentMonitorStore } from './stores/paymentMonitor'
import { showLanguage, wantedLanguage } from './core/i18n/activeLanguage'
import { openingLanguage } from './core/i18n/openingLanguage'
import { starterLanguage } from './boot/starterLanguage'
import { SOURCE_LANGUAGE } from './core/i18n/languages'

/** The app takes over by then even without a status of its own, rather than leave a still screen. */
const TAKE_OVER_WITHIN_MS = 5000

/** Mounts the app; off screen first when the entry shows the first screen, which it then replaces. */
function mount(): void {
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
}

// Not a top-level await: that would make the bundler put the entry's own code in a chunk shared with
// the app, and load it (and Vue) before the first screen. Words that cannot be fetched (a dropped
// link) leave the page in English rather than blank. The language is the one the entry shows (the
// starter's reading, or the payer's pick on the first screen); where the starter did not run, the
// app reads it itself.
void showLanguage(starterLanguage() === null ? openingLanguage() : wantedLanguage(), ['first', 'page'])
  .catch(() => showLanguage(SOURCE_LANGUAGE, ['first', 'page']))
  .catch(() => undefined)
  .then(mount)
