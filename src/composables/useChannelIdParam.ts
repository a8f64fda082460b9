/**
 * The page's `?channelId=`: read from the URL, checked with the one channel ID rule, followed
 * through Back and Forward, and changed with a new history entry.
 */
import { useEventListener } from '@vueuse/core'
import { computed, ref } from 'vue'
import { checkChannelId } from '../core/protocol/channelId'

export function useChannelIdParam() {
  const search = ref(location.search)
  useEventListener(window, 'popstate', () => {
    search.value = location.search
  })

  /** As written in the URL, or null when absent. */
  const raw = computed(() => new URLSearchParams(search.value).get('channelId'))
  const check = computed(() => (raw.value === null || raw.value.trim() === '' ? null : checkChannelId(raw.value)))
  /** The valid channel ID, or null (absent or invalid). */
  const channelId = computed(() => (check.value?.ok ? check.value.channelId : null))
  /** Why the ID in the URL is not valid, or null. */
  const invalidProblem = computed(() => (check.value && !check.value.ok ? check.value.problem : null))

  /** Shows another channel; a new history entry so Back returns to the previous one. */
  function show(id: string): void {
    const url = new URL(location.href)
    url.searchParams.set('channelId', id)
    history.pushState(null, '', url)
    search.value = url.search
  }

  return { raw, channelId, invalidProblem, show }
}
