/**
 * One clipboard for every copy button on the page: the Clipboard API where the browser has it,
 * `execCommand('copy')` where it does not (plain http). Shared, because each `useClipboard` asks the
 * browser for two permissions and listens to both: a page of copy buttons asked a dozen times, on
 * the render that puts the payment on screen.
 */
import { createSharedComposable, useClipboard } from '@vueuse/core'

export const usePageClipboard = createSharedComposable(() => useClipboard({ legacy: true }))
