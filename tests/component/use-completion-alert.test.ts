import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { defineComponent, h, nextTick, ref } from 'vue'
import { useCompletionAlert } from '../../src/composables/useCompletionAlert'

/** A Web Audio stand-in that counts the tones started. */
function stubAudio() {
  const started: number[] = []
  class FakeAudioContext {
    currentTime = 0
    destination = {}
    closed = false
    createGain() {
      return { connect: () => {}, gain: { setValueAtTime: () => {}, exponentialRampToValueAtTime: () => {} } }
    }
    createOscillator() {
      return { frequency: { value: 0 }, connect: () => {}, start: (t: number) => started.push(t), stop: () => {} }
    }
    close() {
      this.closed = true
      return Promise.resolve()
    }
  }
  vi.stubGlobal('AudioContext', FakeAudioContext)
  return started
}

function stubNotification(permission: NotificationPermission, answer: NotificationPermission = permission) {
  const shown: string[] = []
  const Fake = Object.assign(
    function (this: unknown, title: string, options?: NotificationOptions) {
      shown.push(`${title}: ${options?.body ?? ''}`)
    },
    { permission, requestPermission: vi.fn(async () => answer) },
  )
  vi.stubGlobal('Notification', Fake)
  return { shown, Fake }
}

function harness() {
  const done = ref(false)
  let alert: ReturnType<typeof useCompletionAlert> | null = null
  const wrapper = mount(
    defineComponent({
      setup() {
        alert = useCompletionAlert(done, { title: 'Payment complete', message: '@alice is ready on HIVE.' })
        return () => h('div')
      },
    }),
  )
  return { done, wrapper, alert: () => alert! }
}

afterEach(() => vi.unstubAllGlobals())

describe('useCompletionAlert', () => {
  it('does nothing at completion when the payer did not ask', async () => {
    const started = stubAudio()
    const { Fake } = stubNotification('default')
    const { done } = harness()
    done.value = true
    await nextTick()
    expect(started).toEqual([])
    expect(Fake.requestPermission).not.toHaveBeenCalled()
  })

  it('after a click, chimes once at completion and asks for notifications once', async () => {
    const started = stubAudio()
    const { Fake } = stubNotification('default', 'denied')
    const { done, alert } = harness()
    await alert().arm()
    expect(alert().armed.value).toBe(true)
    expect(Fake.requestPermission).toHaveBeenCalledTimes(1)
    done.value = true
    await nextTick()
    expect(started).toHaveLength(2)
    done.value = true
    await nextTick()
    expect(started).toHaveLength(2)
  })

  it('shows a notification only when allowed and the page is in the background', async () => {
    stubAudio()
    const { shown } = stubNotification('granted')
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden')
    const { done, alert } = harness()
    await alert().arm()
    done.value = true
    await nextTick()
    expect(shown).toEqual(['Payment complete: @alice is ready on HIVE.'])
    visibility.mockRestore()
  })

  it('can be switched off again', async () => {
    const started = stubAudio()
    stubNotification('denied')
    const { done, alert } = harness()
    await alert().arm()
    alert().disarm()
    done.value = true
    await nextTick()
    expect(started).toEqual([])
  })
})
