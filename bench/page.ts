/**
 * One client (the app or the baseline page) in a fresh browser context, read through the DOM test
 * hooks only. Timing comes from the page itself: the Recorder (tools/browser/recorder.ts) stamps
 * every change of the hooks with the page's `Date.now()` inside a MutationObserver, which is the
 * same machine clock as this process's `Date.now()`, so "simulator did X at t0" and "page showed
 * it at t1" compare directly.
 */
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core'
import { Recorder, type HookSnapshot } from '../tools/browser/recorder'
import type { ClientKind, Site } from './site'
import { sleep } from './stats'

/** What the page sent to the server, counted by wrapping `fetch` and `WebSocket` before any script. */
export interface RequestCounts {
  http: number
  wsConnects: number
  wsFramesSent: number
}

function countingProbe(): void {
  const counts = { http: 0, wsConnects: 0, wsFramesSent: 0 }
  const w = window as unknown as { __benchCounts: typeof counts; fetch: typeof fetch; WebSocket: typeof WebSocket }
  w.__benchCounts = counts
  const realFetch = w.fetch
  w.fetch = function (this: unknown, ...args: Parameters<typeof fetch>) {
    counts.http += 1
    return realFetch.apply(this, args)
  } as typeof fetch
  const RealWebSocket = w.WebSocket
  w.WebSocket = class extends RealWebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args)
      counts.wsConnects += 1
    }
    override send(data: Parameters<WebSocket['send']>[0]): void {
      counts.wsFramesSent += 1
      super.send(data)
    }
  }
}

/**
 * Runs the page's clocks `factor` times faster: timers fire sooner and `Date.now`/`performance.now`
 * advance faster, consistently, so every interval of the app (poll, backoff, heartbeat, connect
 * timeout) shrinks by the same factor. The app's backoff (2 s doubling to 60 s) is not a build-time
 * variable, so a "test build with short intervals" could not compress it; this can.
 */
function timeWarp(factor: number): void {
  const realNow = Date.now.bind(Date)
  const start = realNow()
  const realPerf = performance.now.bind(performance)
  const perfStart = realPerf()
  Date.now = () => start + (realNow() - start) * factor
  performance.now = () => perfStart + (realPerf() - perfStart) * factor
  const realSetTimeout = window.setTimeout.bind(window)
  const realSetInterval = window.setInterval.bind(window)
  window.setTimeout = ((handler: TimerHandler, ms?: number, ...rest: unknown[]) =>
    realSetTimeout(handler, (ms ?? 0) / factor, ...rest)) as typeof window.setTimeout
  window.setInterval = ((handler: TimerHandler, ms?: number, ...rest: unknown[]) =>
    realSetInterval(handler, (ms ?? 0) / factor, ...rest)) as typeof window.setInterval
}

/** A network as Chrome's DevTools emulate it (`Network.emulateNetworkConditions`). */
export interface NetworkConditions {
  /** Added to every round trip, ms. */
  latencyMs: number
  downloadKbps: number
  uploadKbps: number
}

/** A mid-range phone on a mobile network, as issue 13 specifies the row. */
export const MOBILE_NETWORK: NetworkConditions = { latencyMs: 150, downloadKbps: 1600, uploadKbps: 750 }

export interface ClientOptions {
  /** Compress the page's time by this factor (heap benchmark). @default none */
  warp?: number
  /** Emulate this network for the page, from before navigation. @default none (loopback) */
  network?: NetworkConditions
  /** Slow the page's CPU down this many times (`Emulation.setCPUThrottlingRate`), from before navigation. @default none */
  cpuSlowdown?: number
  /** Scripts run in the page before any of its own, after the request counting. @default none */
  initScripts?: ReadonlyArray<() => void>
  /** Runs with a CDP session on the page just before it navigates (to start a CPU profile, say). @default none */
  beforeNavigation?: (cdp: CDPSession) => Promise<void>
}

export class Client {
  private constructor(
    readonly kind: ClientKind,
    readonly channelId: string,
    readonly context: BrowserContext,
    readonly page: Page,
    readonly recorder: Recorder,
  ) {}

  static async open(browser: Browser, site: Site, kind: ClientKind, channelId: string, options: ClientOptions = {}): Promise<Client> {
    const context = await browser.newContext({ viewport: { width: 1000, height: 1200 } })
    // tsx compiles with esbuild's keepNames, which wraps named functions in a `__name()` helper
    // that does not exist in the page; functions passed to the page (init scripts, the
    // Recorder) need it defined there first.
    await context.addInitScript({ content: 'globalThis.__name = (fn) => fn' })
    if (options.warp) await context.addInitScript(timeWarp, options.warp)
    await context.addInitScript(countingProbe)
    for (const script of options.initScripts ?? []) await context.addInitScript(script)
    const recorder = await Recorder.attach(context)
    const page = await context.newPage()
    if (options.cpuSlowdown) {
      const cdp = await context.newCDPSession(page)
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: options.cpuSlowdown })
    }
    if (options.network) {
      const cdp = await context.newCDPSession(page)
      await cdp.send('Network.enable')
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: options.network.latencyMs,
        // bytes per second
        downloadThroughput: (options.network.downloadKbps * 1000) / 8,
        uploadThroughput: (options.network.uploadKbps * 1000) / 8,
      })
    }
    if (options.beforeNavigation) await options.beforeNavigation(await context.newCDPSession(page))
    const client = new Client(kind, channelId, context, page, recorder)
    await page.goto(site.pageUrl(kind, channelId), { waitUntil: 'commit' })
    return client
  }

  /** Epoch ms of the navigation start (the page's `performance.timeOrigin`). */
  async navigationStart(): Promise<number> {
    return this.page.evaluate(() => performance.timeOrigin)
  }

  snapshots(): readonly HookSnapshot[] {
    return this.recorder.snapshots
  }

  /** The first snapshot from index `from` on that matches, or null. */
  find(match: (s: HookSnapshot) => boolean, from = 0): HookSnapshot | null {
    return this.recorder.snapshots.slice(from).find(match) ?? null
  }

  /** Waits (bounded) until a snapshot from `from` on matches; returns it, or null at the deadline. */
  async waitFor(match: (s: HookSnapshot) => boolean, timeoutMs: number, from = 0): Promise<HookSnapshot | null> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const hit = this.find(match, from)
      if (hit) return hit
      if (Date.now() >= deadline) return null
      await sleep(20)
    }
  }

  mark(): number {
    return this.recorder.mark()
  }

  async counts(): Promise<RequestCounts> {
    return this.page.evaluate(() => ({ ...(window as unknown as { __benchCounts: RequestCounts }).__benchCounts }))
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined)
  }
}

export const hasStatus = (s: HookSnapshot): boolean => s.status !== null && s.status !== ''
export const showsStatus = (status: string) => (s: HookSnapshot): boolean => s.status === status
export const onSocket = (s: HookSnapshot): boolean => s.state === 'open' && s.transport === 'websocket'
export const offSocket = (s: HookSnapshot): boolean => !(s.state === 'open' && s.transport === 'websocket')
