import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import ConnectionBadge from '../../src/components/connection/ConnectionBadge.vue'
import type { BadgeInput } from '../../src/components/connection/connectionText'
import { NOW } from './fixtures'

type Props = BadgeInput & { lastUpdateAt: number | null }

function badge(overrides: Partial<Props> = {}) {
  const props: Props = {
    state: 'open',
    transport: 'websocket',
    online: true,
    pollIntervalMs: 5000,
    nextSocketAttemptAt: null,
    failureReason: null,
    notFound: false,
    stopped: false,
    now: NOW,
    lastUpdateAt: NOW - 3000,
    ...overrides,
  }
  return mount(ConnectionBadge, { props })
}

const label = (w: ReturnType<typeof badge>) => w.get('[data-testid="connection-label"]').text()

describe('ConnectionBadge', () => {
  it('carries state and transport as data attributes', () => {
    const root = badge({ state: 'polling', transport: 'polling' }).get('[data-testid="connection-state"]')
    expect(root.attributes('data-state')).toBe('polling')
    expect(root.attributes('data-transport')).toBe('polling')
  })

  it('says Live on an open socket, with no retry button', () => {
    const w = badge()
    expect(label(w)).toBe('Live')
    expect(w.find('[data-testid="retry-button"]').exists()).toBe(false)
    expect(w.get('[data-testid="last-update"]').text()).toBe('Last update 3 s ago')
  })

  it('says how often it updates while polling, when the socket retries, and offers retry', async () => {
    const w = badge({ state: 'polling', transport: 'polling', nextSocketAttemptAt: NOW + 3_200 })
    expect(label(w)).toBe('Updating every 5 s')
    expect(w.text()).toContain('reconnecting in 4 s')
    const button = w.get('[data-testid="retry-button"]')
    expect(button.element.tagName).toBe('BUTTON')
    expect(button.attributes('disabled')).toBeUndefined()
    await button.trigger('click')
    expect(w.emitted('retry')).toHaveLength(1)
  })

  it('uses the configured poll interval', () => {
    expect(label(badge({ state: 'polling', transport: 'polling', pollIntervalMs: 2000 }))).toBe('Updating every 2 s')
  })

  it('says Connecting, or Reconnecting in n s when an attempt is scheduled', () => {
    expect(label(badge({ state: 'connecting', transport: 'none', lastUpdateAt: null }))).toBe('Connecting…')
    expect(label(badge({ state: 'connecting', transport: 'none', nextSocketAttemptAt: NOW + 4_000 }))).toBe(
      'Reconnecting in 4 s',
    )
  })

  it('says Connection failed with an enabled retry button', async () => {
    const w = badge({ state: 'failed', transport: 'none', failureReason: 'unreachable' })
    expect(label(w)).toBe('Connection failed')
    const button = w.get('[data-testid="retry-button"]')
    expect(button.attributes('disabled')).toBeUndefined()
    await button.trigger('click')
    expect(w.emitted('retry')).toHaveLength(1)
  })

  it('names an unknown channel instead of a connection failure', () => {
    const w = badge({ state: 'failed', transport: 'none', notFound: true, failureReason: 'not_found' })
    expect(label(w)).toBe('Channel not found')
    expect(w.find('[data-testid="retry-button"]').exists()).toBe(true)
  })

  it('says Offline whatever the state', () => {
    const w = badge({ state: 'polling', transport: 'polling', online: false })
    expect(label(w)).toBe('Offline')
    expect(w.get('[data-testid="connection-state"]').attributes('data-state')).toBe('polling')
    expect(w.find('[data-testid="retry-button"]').exists()).toBe(true)
  })

  it('says monitoring stopped at a terminal status', () => {
    const w = badge({ state: 'idle', transport: 'none', stopped: true })
    expect(label(w)).toBe('Monitoring stopped')
    expect(w.get('[data-testid="connection-state"]').attributes('data-transport')).toBe('none')
  })

  it('says Not connected when idle before starting', () => {
    expect(label(badge({ state: 'idle', transport: 'none', lastUpdateAt: null }))).toBe('Not connected')
  })

  it('shows how long ago the last update came, and flags a frozen one', () => {
    expect(badge({ lastUpdateAt: null }).get('[data-testid="last-update"]').text()).toBe('No update received yet')
    expect(badge({ lastUpdateAt: NOW - 500 }).get('[data-testid="last-update"]').text()).toBe('Last update just now')
    const frozen = badge({ lastUpdateAt: NOW - 125_000 }).get('[data-testid="last-update"]')
    expect(frozen.text()).toBe('Last update 2 min ago')
    expect(frozen.classes()).toContain('stale')
    // After a terminal status nothing more is expected: old is not stale.
    const done = badge({ state: 'idle', transport: 'none', stopped: true, lastUpdateAt: NOW - 125_000 })
    expect(done.get('[data-testid="last-update"]').classes()).not.toContain('stale')
  })
})
