/**
 * An optional chime and system notification when the payment completes. Nothing plays or asks for
 * permission until the payer clicks for it: browsers allow sound only after a gesture, and a
 * permission prompt nobody asked for gets denied.
 */
import { tryOnScopeDispose } from '@vueuse/core'
import { shallowRef, toValue, watch, type MaybeRefOrGetter } from 'vue'

export interface CompletionAlertOptions {
  /** The notification's title, in the page's language. */
  title: MaybeRefOrGetter<string>
  /** The notification's text. */
  message: MaybeRefOrGetter<string>
}

export function useCompletionAlert(done: MaybeRefOrGetter<boolean>, options: CompletionAlertOptions) {
  const armed = shallowRef(false)
  let audio: AudioContext | null = null

  /** Called from the payer's click: unlocks audio and asks for notifications, once. */
  async function arm(): Promise<void> {
    armed.value = true
    const Ctx = globalThis.AudioContext as typeof AudioContext | undefined
    if (Ctx && audio === null) audio = new Ctx()
    if (typeof Notification !== 'undefined' && Notification.permission === 'default') {
      await Notification.requestPermission().catch(() => 'denied')
    }
  }

  function disarm(): void {
    armed.value = false
  }

  function chime(): void {
    if (!audio) return
    const t = audio.currentTime
    const gain = audio.createGain()
    gain.connect(audio.destination)
    gain.gain.setValueAtTime(0.0001, t)
    gain.gain.exponentialRampToValueAtTime(0.2, t + 0.02)
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.6)
    for (const [freq, start] of [[660, 0], [880, 0.15]] as const) {
      const osc = audio.createOscillator()
      osc.frequency.value = freq
      osc.connect(gain)
      osc.start(t + start)
      osc.stop(t + start + 0.45)
    }
  }

  watch(
    () => toValue(done),
    (now, before) => {
      if (!now || before || !armed.value) return
      chime()
      if (typeof Notification !== 'undefined' && Notification.permission === 'granted' && document.visibilityState === 'hidden') {
        new Notification(toValue(options.title), { body: toValue(options.message) })
      }
    },
  )

  tryOnScopeDispose(() => {
    void audio?.close()
    audio = null
  })

  return { armed, arm, disarm }
}
