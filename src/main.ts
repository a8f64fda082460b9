/**
 * The app: run by the entry (src/boot/entry.ts) once the first screen is drawn, or without one.
 *
 * When the entry already shows the first screen, the app takes it over in steps of a task each
 * (src/boot/takeover.ts): it starts watching the first screen's payment, renders the page off screen
 * with that status, part by part, and replaces the first screen in one step once all of it is in,
 * so the page never goes back to "Looking up your payment…" in between, and a slow phone's main
 * thread is never held for the whole page at once.
 *
 * It renders only once the page's language has all its words (the entry started fetching them).
 */
import { createApp, nextTick, watch } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { FIRST_SCREEN_ATTRIBUTE } from './boot/firstScreen'
import { HANDOVER_MARKS } from './boot/handoverMarks'
import { takeOverInTurns } from './boot/takeover'
import { usePaymentMonitorStore } from './stores/paymentMonitor'
import { RENDER_TURNS } from './composables/useRenderTurn'
import { RenderTurns } from './core/renderTurns'
import { prestarted } from './core/prestart/prestart'
import { showLanguage, wantedLanguage } from './core/i18n/activeLanguage'
import { openingLanguage } from './core/i18n/openingLanguage'
import { starterLanguage } from './boot/starterLanguage'
import { SOURCE_LANGUAGE } from './core/i18n/languages'

/** The app takes over by then even without a status of its own, rather than leave a still screen. */
const TAKE_OVER_WITHIN_MS = 5000

const afterTask = (task: () => void): void => void setTimeout(task, 0)

function mount(): void {
  const pinia = createPinia()
  const app = createApp(App).use(pinia)
  const shown = document.getElementById('app')
  const channelId = prestarted.page?.channelId
  if (!shown?.hasAttribute(FIRST_SCREEN_ATTRIBUTE) || channelId === undefined) {
    app.mount('#app')
    return
  }

  const container = document.createElement('div')
  container.id = 'app'
  const turns = new RenderTurns(afterTask)
  app.provide(RENDER_TURNS, turns)
  // Made in the first step: the store's monitor and its transports are code that runs for the first time.
  let store: ReturnType<typeof usePaymentMonitorStore>
  const hasNews = (): boolean => store.snapshot.status !== null || store.snapshot.notFound
  // Both released once the app is on screen, whichever of the news and the deadline came first.
  let stopWatchingNews = (): void => undefined
  let deadlineTimer: ReturnType<typeof setTimeout> | undefined
  void takeOverInTurns(
    {
      start: () => {
        store = usePaymentMonitorStore(pinia)
        store.start(channelId)
      },
      // The first change is the news arriving: there is none before it.
      news: () =>
        new Promise<void>((resolve) => {
          if (hasNews()) return resolve()
          stopWatchingNews = watch(hasNews, () => resolve(), { once: true })
        }),
      mount: () => app.mount(container),
      turns,
      rendered: nextTick,
      replace: () => {
        stopWatchingNews()
        clearTimeout(deadlineTimer)
        shown.replaceWith(container)
        performance.mark(HANDOVER_MARKS.takenOver)
      },
    },
    {
      nextTask: () => new Promise((resolve) => afterTask(resolve)),
      deadline: new Promise((resolve) => (deadlineTimer = setTimeout(resolve, TAKE_OVER_WITHIN_MS))),
    },
  )
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
