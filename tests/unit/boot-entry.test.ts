// @vitest-environment happy-dom
/**
 * The page's first scripts. The starter (inline in the built index.html): a valid `?channelId=`
 * starts the socket and the status request before anything has loaded; no channel, or an invalid
 * one, starts nothing (CONTRACT: no network request). The entry: draws the first screen from a
 * valid first status before the app runs, and otherwise runs the app at once.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { PRESTARTED_GLOBAL, type Prestarted } from '../../src/core/prestart/prestart'
import { runStarter } from '../../src/boot/starter'
import { SOCKET_MEMORY_KEYS } from '../../src/core/machine/socketMemory'
import { LANGUAGE_MEMORY_KEY } from '../../src/core/i18n/languageChoice'
import { HANDOVER_MARKS } from '../../src/boot/handoverMarks'
import { CHANNEL_ID, pollBody } from '../support/channel'

/** How many times the app module was run (imported) since the test began. */
const app = { runs: 0 }

const sockets: string[] = []
/** Close codes the page's sockets were closed with. */
const closed: number[] = []
const requests: string[] = []
let answer: (response: Response) => void = () => undefined

// The words and the picker the entry imports on its own clock (it gives the status 1 s before it
// lets the app draw instead): transformed once here, so a cold first import cannot take that second.
beforeAll(async () => {
  await Promise.all([
    import('../../src/core/i18n/catalogs/en-first'),
    import('../../src/core/i18n/catalogs/de-first'),
    import('../../src/core/i18n/catalogs/pl-first'),
    import('../../src/core/i18n/catalogs/pl-page'),
    import('../../src/core/i18n/pickLanguage'),
  ])
  vi.resetModules()
})

beforeEach(() => {
  sockets.length = 0
  closed.length = 0
  requests.length = 0
  app.runs = 0
  // Registered anew for each test (after `resetModules`), so every import of the app is counted.
  vi.doMock('../../src/main', () => {
    app.runs += 1
    return {}
  })
  delete (globalThis as Record<string, unknown>)[PRESTARTED_GLOBAL]
  document.body.innerHTML = '<div id="app"></div>'
  vi.stubGlobal(
    'WebSocket',
    class {
      onopen = null
      onmessage = null
      onerror = null
      onclose = null
      constructor(url: string) {
        sockets.push(url)
      }
      close(code: number) {
        closed.push(code)
      }
    },
  )
  vi.stubGlobal('fetch', (url: string) => {
    requests.push(url)
    return new Promise<Response>((resolve) => {
      answer = resolve
    })
  })
})

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
  vi.resetModules()
})

/** What the starter left for the entry and the app, if anything. */
const started = () => (globalThis as Record<string, unknown>)[PRESTARTED_GLOBAL] as Prestarted | undefined

/** Opens the built page: the inline starter runs first, then the entry module. */
async function openPage(search: string, { starter = true } = {}): Promise<void> {
  vi.stubGlobal('location', { search, origin: 'http://127.0.0.1:5173', href: `http://127.0.0.1:5173/${search}` })
  if (starter) runStarter()
  await import('../../src/boot/entry')
}

/** Lets the entry's promise chain (answer → copy → body → draw → import) run to its end. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await new Promise((resolve) => setTimeout(resolve, 0))
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
const shownStatus = () => document.querySelector('[data-testid="payment-status"]')?.getAttribute('data-status') ?? null
const root = () => document.getElementById('app') as HTMLElement

describe('the starter and the entry', () => {
  it('start only the status request when the socket failed in this tab before: the app starts on polling', async () => {
    sessionStorage.setItem(SOCKET_MEMORY_KEYS.failed, '1')
    try {
      await openPage(`?channelId=${CHANNEL_ID}`)
      expect(sockets).toEqual([])
      expect(requests).toHaveLength(1)
      expect(started()?.socket).toBeNull()
    } finally {
      sessionStorage.removeItem(SOCKET_MEMORY_KEYS.failed)
    }
  })

  it('start the socket and the status request for a valid channel, trimmed as the page trims it', async () => {
    await openPage('?channelId=%20abcdefgh12345678%20')
    expect(sockets).toHaveLength(1)
    expect(requests).toEqual([expect.stringMatching(/\/api\/onboarding\/payment\/status\/abcdefgh12345678$/)])
    expect(started()?.socket?.url).toBe(sockets[0])
    expect(started()?.page).toEqual({ channelId: 'abcdefgh12345678', pollIntervalMs: 5000 })
  })

  it('leave what they started to the app, which adopts it instead of asking again', async () => {
    await openPage(`?channelId=${CHANNEL_ID}`)
    const { adoptingFetch, adoptingSocket } = await import('../../src/core/prestart/handoff')
    const { prestarted } = await import('../../src/core/prestart/prestart')
    const ownSockets: string[] = []
    const ownRequests: string[] = []
    const socket = adoptingSocket((url) => {
      ownSockets.push(url)
      return {} as never
    }, prestarted)(sockets[0] as string)
    void adoptingFetch((url) => {
      ownRequests.push(url)
      return new Promise(() => undefined)
    }, prestarted)(requests[0] as string, {})
    // The adopted socket, not a new one: the one the starter created.
    expect((socket as unknown as { url: string }).url).toBe(sockets[0])
    expect(ownSockets).toEqual([])
    expect(ownRequests).toEqual([])
  })

  it('release what nobody adopted after the freshness window', async () => {
    vi.useFakeTimers()
    await openPage(`?channelId=${CHANNEL_ID}`)
    const { PRESTART_FRESH_MS } = await import('../../src/core/prestart/prestart')
    await vi.advanceTimersByTimeAsync(PRESTART_FRESH_MS - 1)
    expect(closed).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(closed).toEqual([1000])
    expect(started()?.socket).toBeNull()
    expect(started()?.request).toBeNull()
  })

  it('run the app at once when the starter did not run (a policy blocked it): the app makes its own requests', async () => {
    await openPage(`?channelId=${CHANNEL_ID}`, { starter: false })
    await settle()
    expect(requests).toEqual([])
    expect(app.runs).toBe(1)
    expect(root().hasAttribute('data-first-screen')).toBe(false)
  })

  it.each([
    ['no channel', ''],
    ['an empty channel', '?channelId='],
    ['too short a channel', '?channelId=abc'],
    ['a channel with other characters', '?channelId=abcdefgh%3Cscript%3E'],
  ])('starts nothing for %s, and runs the app at once', async (_label, search) => {
    await openPage(search)
    await settle()
    expect(sockets).toEqual([])
    expect(requests).toEqual([])
    expect(started()).toBeUndefined()
    expect(app.runs).toBe(1)
    expect(root().hasAttribute('data-first-screen')).toBe(false)
  })
})

describe('the first screen', () => {
  it('is drawn from a valid first status before the app runs, and leaves the answer unread for the app', async () => {
    await openPage(`?channelId=${CHANNEL_ID}`)
    await settle()
    expect(app.runs).toBe(0)
    const response = json(pollBody('confirming', { confirmations: 1 }))
    answer(response)
    await settle()
    expect(shownStatus()).toBe('confirming')
    expect(root().hasAttribute('data-first-screen')).toBe(true)
    expect(root().querySelector('[data-testid="payment-amount"]')?.textContent).toBe('0.0012 BTC')
    expect(root().querySelector('[data-testid="connection-state"]')?.getAttribute('data-state')).toBe('connecting')
    expect(app.runs).toBe(1)
    // The app adopts the same answer and reads it itself.
    expect(response.bodyUsed).toBe(false)
    await expect(response.text()).resolves.toContain('"confirming"')
  })

  it.each([
    ['a 503', () => new Response('<html>busy</html>', { status: 503, headers: { 'Retry-After': '1' } })],
    ['a not-found', () => json({ success: false, error: 'Payment channel not found' }, 404)],
    ['an answer for another channel', () => json(pollBody('waiting_payment', { channelId: 'ffffffffffffffffffffffffffffffff' }))],
    ['an unknown shape', () => json({ success: true, channel: { channelId: CHANNEL_ID, status: 42 } })],
    ['a body that is not JSON', () => new Response('<!doctype html><p>gateway</p>', { status: 200 })],
  ])('is not drawn from %s: the app runs at once and deals with it', async (_label, make) => {
    await openPage(`?channelId=${CHANNEL_ID}`)
    answer(make())
    await settle()
    expect(shownStatus()).toBe(null)
    expect(root().hasAttribute('data-first-screen')).toBe(false)
    expect(app.runs).toBe(1)
  })

  it("starts the app only once the first screen's frame is painted: its chunks never hold that frame", async () => {
    vi.useFakeTimers()
    const frames: FrameRequestCallback[] = []
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback))
    await openPage(`?channelId=${CHANNEL_ID}`)
    answer(json(pollBody('confirming', { confirmations: 1 })))
    await vi.advanceTimersByTimeAsync(100)
    expect(root().hasAttribute('data-first-screen')).toBe(true)
    expect(frames).toHaveLength(1)
    expect(app.runs).toBe(0) // no frame yet
    frames.shift()!(performance.now())
    expect(app.runs).toBe(0) // the frame is being made: the app starts in a task after it
    await vi.advanceTimersByTimeAsync(0)
    expect(app.runs).toBe(1)
  })

  it('marks the start of the hand-over once, however many ways the app is started', async () => {
    vi.useFakeTimers()
    const mark = vi.spyOn(performance, 'mark')
    await openPage(`?channelId=${CHANNEL_ID}`)
    answer(json(pollBody('confirming', { confirmations: 1 })))
    const marks = () => mark.mock.calls.filter(([name]) => name === HANDOVER_MARKS.appStart).length
    await vi.advanceTimersByTimeAsync(100) // the first screen is drawn and starts the app
    expect(root().hasAttribute('data-first-screen')).toBe(true)
    expect(marks()).toBe(1)
    await vi.advanceTimersByTimeAsync(5000) // the 1 s timer starts it again: the same app, no new mark
    expect(app.runs).toBe(1)
    expect(marks()).toBe(1)
  })

  it('does not hold the app back for a slow status: after APP_WAIT_MS the app runs and draws everything itself', async () => {
    vi.useFakeTimers()
    await openPage(`?channelId=${CHANNEL_ID}`)
    const { APP_WAIT_MS } = await import('../../src/boot/entry')
    await vi.advanceTimersByTimeAsync(APP_WAIT_MS - 1)
    expect(app.runs).toBe(0)
    await vi.advanceTimersByTimeAsync(1)
    expect(app.runs).toBe(1)
    vi.useRealTimers()
    answer(json(pollBody('waiting_payment')))
    await settle()
    expect(shownStatus()).toBe(null)
    expect(root().hasAttribute('data-first-screen')).toBe(false)
  })

  it('shows server words as text, never as markup', async () => {
    await openPage(`?channelId=${CHANNEL_ID}`)
    answer(json(pollBody('failed', { statusMessage: '<img src=x onerror="window.__pwned=1"> refund pending', username: '<b>bob</b>' })))
    await settle()
    expect(shownStatus()).toBe('failed')
    expect(root().querySelector('img, b')).toBe(null)
    expect(root().textContent).toContain('<img src=x onerror="window.__pwned=1"> refund pending')
  })

  it('is drawn in the language the starter read, which the entry takes without reading it again', async () => {
    await openPage(`?channelId=${CHANNEL_ID}&lang=de`)
    answer(json(pollBody('confirming', { confirmations: 1 })))
    await vi.waitFor(() => expect(shownStatus()).toBe('confirming'), { timeout: 5000 })
    expect(document.documentElement.lang).toBe('de')
    expect(document.title).toBe((await import('../../src/core/i18n/catalogs/de-first')).default['page.title'])
    expect(root().querySelector('[data-testid="language-picker"]')?.closest('label, div')?.textContent).toMatch(/Sprache/)
  })

  it('switches language when the payer picks one on it, the picker\'s code fetched on that first pick', async () => {
    await openPage(`?channelId=${CHANNEL_ID}`)
    answer(json(pollBody('confirming', { confirmations: 1 })))
    await vi.waitFor(() => expect(shownStatus()).toBe('confirming'), { timeout: 5000 })
    const picker = root().querySelector<HTMLSelectElement>('[data-testid="language-picker"]')!
    for (const option of picker.options) option.selected = option.value === 'pl'
    expect(picker.value).toBe('pl')
    picker.dispatchEvent(new Event('change'))
    await vi.waitFor(() => expect(document.documentElement.lang).toBe('pl'), { timeout: 5000 })
    // Redrawn in Polish, with Polish chosen in the new picker.
    expect(root().querySelector<HTMLOptionElement>('[data-testid="language-picker"] option[selected]')?.value).toBe('pl')
    expect(sessionStorage.getItem(LANGUAGE_MEMORY_KEY)).toBe('pl')
    sessionStorage.removeItem(LANGUAGE_MEMORY_KEY)
  }, 15_000)
})
