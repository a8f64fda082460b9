import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import ConnectionBadge from '../../src/components/connection/ConnectionBadge.vue'
import { connectionView, type ConnectionInput } from '../../src/view/connectionView'
import { NOW, makeSnapshot } from './fixtures'
import { english } from '../support/i18n'

function badge(overrides: Partial<ConnectionInput> = {}, stopped = false) {
  const input = makeSnapshot({ lastUpdateAt: NOW - 3000, ...overrides })
  return mount(ConnectionBadge, { props: { connection: connectionView(input, stopped, NOW, english) } })
}

describe('ConnectionBadge', () => {
  it('carries state and transport as data attributes', () => {
    const root = badge({ state: 'polling', transport: 'polling' }).get('[data-testid="connection-state"]')
    expect(root.attributes('data-state')).toBe('polling')
    expect(root.attributes('data-transport')).toBe('polling')
  })

  it('shows the label, the age of the last update, and no retry on a live socket', () => {
    const w = badge()
    expect(w.get('[data-testid="connection-label"]').text()).toBe('Live')
    expect(w.get('[data-testid="last-update"]').text()).toBe('Last update 3 sec. ago')
    expect(w.find('[data-testid="retry-button"]').exists()).toBe(false)
  })

  it('owns a polite live region with the news in words', () => {
    const region = badge({ state: 'polling', transport: 'polling' }).get('[data-testid="connection-announcer"]')
    expect(region.attributes('aria-live')).toBe('polite')
    expect(region.text()).toBe('Updating every 5 sec.')
  })

  it.each(['polling', 'failed'] as const)('offers a real, enabled retry button while %s', async (state) => {
    const w = badge({ state, transport: state === 'polling' ? 'polling' : 'none' })
    const button = w.get('[data-testid="retry-button"]')
    expect(button.element.tagName).toBe('BUTTON')
    expect(button.attributes('disabled')).toBeUndefined()
    await button.trigger('click')
    expect(w.emitted('retry')).toHaveLength(1)
  })

  it('flags a frozen last update', () => {
    expect(badge({ lastUpdateAt: NOW - 125_000 }).get('[data-testid="last-update"]').classes()).toContain('stale')
    expect(badge({ lastUpdateAt: NOW - 5_000 }).get('[data-testid="last-update"]').classes()).not.toContain('stale')
  })
})
