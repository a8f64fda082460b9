/**
 * The tab tells the status when the page is in the background: its title follows the status and
 * says "Paid" once the account exists, and the icon turns to a check mark.
 */
import { toValue, watchEffect, type MaybeRefOrGetter } from 'vue'

const ICON = 'favicon.svg'
const PAID_ICON = 'favicon-paid.svg'

export function useTabStatus(title: MaybeRefOrGetter<string>, paid: MaybeRefOrGetter<boolean>): void {
  // VueUse's useTitle would add a MutationObserver for what one assignment does.
  watchEffect(() => {
    document.title = toValue(title)
    const icon = document.querySelector<HTMLLinkElement>('link[rel="icon"]')
    if (icon) icon.href = `${import.meta.env.BASE_URL}${toValue(paid) ? PAID_ICON : ICON}`
  })
}
