import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ConnectionDiagnostics from '../../src/components/connection/ConnectionDiagnostics.vue'
import type { DiagnosticsEnv } from '../../src/view/diagnosticsEnv'
import type { MonitorSnapshot } from '../../src/core/machine/snapshot'
import { HOSTILE, NOW, makeAttempt, makeSnapshot, stubClipboard } from './fixtures'

const ENV: DiagnosticsEnv = {
  pageOrigin: 'https://vue.dlux.io',
  pageProtocol: 'https:',
  userAgent: 'test-agent',
  embedded: false,
}

function mountPanel(snapshot: MonitorSnapshot, env: DiagnosticsEnv = ENV) {
  return mount(ConnectionDiagnostics, {
    props: { snapshot, env, now: NOW, summary: 'The live connection keeps dropping.' },
    attachTo: document.body,
  })
}

async function open(w: ReturnType<typeof mountPanel>) {
  const details = w.get('details').element as HTMLDetailsElement
  details.open = true
  await w.get('details').trigger('toggle')
  await vi.waitUntil(() => w.find('[data-testid="copy-report"]').exists(), { timeout: 3000 })
}

const flapping = makeSnapshot({
  state: 'polling',
  transport: 'polling',
  wsAttempts: 3,
  lastCloseCode: 1006,
  attempts: [makeAttempt({ id: 1 }), makeAttempt({ id: 2, lifetimeMs: 240 }), makeAttempt({ id: 3, lifetimeMs: 228 })],
  events: [
    { at: NOW - 3000, kind: 'socket', level: 'warn', message: `closed 1006 ${HOSTILE}` },
    { at: NOW - 1000, kind: 'state', level: 'info', message: 'connecting → polling' },
  ],
})

describe('ConnectionDiagnostics', () => {
  let copied: string[]
  beforeEach(() => {
    copied = stubClipboard()
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('is a collapsed <details> that still carries the test hooks', () => {
    const w = mountPanel(flapping)
    const details = w.get('[data-testid="diagnostics"]')
    expect(details.element.tagName).toBe('DETAILS')
    expect((details.element as HTMLDetailsElement).open).toBe(false)
    expect(w.get('[data-testid="diag-last-close-code"]').text()).toBe('1006')
    expect(w.get('[data-testid="diag-ws-attempts"]').text()).toBe('3')
    expect(w.find('[data-testid="diag-attempts"]').exists()).toBe(false)
  })

  it('sums the connection up in plain words while collapsed: no close codes in the summary', () => {
    const summary = mountPanel(flapping).get('summary')
    expect(summary.text()).toBe('Connection details · The live connection keeps dropping.')
    expect(summary.text()).not.toMatch(/1006|close code/)
  })

  it('labels the attempts table for a phone-width layout, every cell', async () => {
    const w = mountPanel(flapping)
    await open(w)
    const cells = w.findAll('[data-testid="diag-attempts"] tbody td')
    expect(cells.length).toBe(30)
    expect(cells.every((td) => (td.attributes('data-label') ?? '') !== '')).toBe(true)
    // One region per name: the table is labelled by its heading, not made a second region.
    expect(w.findAll('[role="region"]')).toHaveLength(0)
  })

  it('leaves the last close code empty before any close', () => {
    const w = mountPanel(makeSnapshot({ lastCloseCode: null, wsAttempts: 0 }))
    expect(w.get('[data-testid="diag-last-close-code"]').text()).toBe('')
    expect(w.get('[data-testid="diag-ws-attempts"]').text()).toBe('0')
  })

  it('warns about mixed content even while collapsed', () => {
    const w = mountPanel(makeSnapshot({ endpoints: { wsUrl: 'ws://data.dlux.io/ws/payment-monitor', apiUrl: 'https://data.dlux.io' } }))
    expect(w.get('[data-testid="diag-mixed-content"]').text()).toContain('Mixed content')
    const plain = mountPanel(makeSnapshot(), { ...ENV, pageProtocol: 'http:' })
    expect(plain.find('[data-testid="diag-mixed-content"]').exists()).toBe(false)
  })

  it('shows attempts, close code meanings, hints, counters and the event log once opened', async () => {
    const w = mountPanel(flapping)
    await open(w)
    const table = w.get('[data-testid="diag-attempts"]')
    expect(table.findAll('tbody tr')).toHaveLength(3)
    expect(table.text()).toContain('1006 (Abnormal closure')
    expect(table.text()).toContain('233 ms')
    expect(w.get('[data-testid="diag-state"]').text()).toBe('polling')
    expect(w.get('[data-testid="diag-transport"]').text()).toBe('polling')
    expect(w.text()).toContain('wss://data.dlux.io/ws/payment-monitor')
    expect(w.text()).toContain('https://vue.dlux.io')
    expect(w.find('[data-hint="proxy-drops-socket"]').exists()).toBe(true)
    expect(w.get('[data-testid="diag-counters"]').text()).toContain('3 / 2')
    const log = w.get('[data-testid="diag-events"]')
    expect(log.findAll('li')).toHaveLength(2)
    expect(log.text()).toContain(HOSTILE)
    expect(w.find('img').exists()).toBe(false)
  })

  it('copies a masked Markdown report and says Copied', async () => {
    const w = mountPanel(flapping)
    await open(w)
    await w.get('[data-testid="copy-report"]').trigger('click')
    await flushPromises()
    await vi.waitUntil(() => copied.length > 0)
    const report = copied[0] ?? ''
    expect(report).toContain('# DLUX payment monitor: diagnostics report')
    expect(report).not.toContain('0123456789abcdef0123456789abcdef')
    expect(report).not.toContain('bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh')
    expect(w.get('[data-testid="copy-report"]').text()).toBe('Copied')
  })
})
