/**
 * Requests per minute a page sends to the server in three steady states: polling (the socket is
 * refused), on an open socket, and after a terminal status. Counted in the page by wrapping
 * `fetch` and `WebSocket` before any script runs (HTTP requests, socket connections, frames sent),
 * and the HTTP polls cross-checked against the simulator's own log.
 */
import type { Browser } from 'playwright-core'
import { Client, hasStatus, onSocket, showsStatus, type RequestCounts } from './page'
import type { ClientKind, Site } from './site'
import { KINDS, type PerClient } from './scenarios'
import { sleep } from './stats'

export type Regime = 'polling' | 'open' | 'terminal'

export interface RequestRate {
  /** Per minute, over `windowMs` (scaled to a minute if the window is shorter). */
  http: number
  wsConnects: number
  wsFramesSent: number
  total: number
  /** HTTP polls the simulator logged for this channel in the same window, per minute. */
  serverPolls: number
  windowMs: number
}

async function rateOnce(browser: Browser, site: Site, kind: ClientKind, regime: Regime, windowMs: number): Promise<RequestRate> {
  const channelId = site.sim.createChannel().channelId
  const client = await Client.open(browser, site, kind, channelId)
  try {
    if (regime === 'polling') {
      if (!(await client.waitFor((s) => s.state === 'polling' && hasStatus(s), 15_000))) throw new Error(`${kind}: not polling`)
    } else {
      if (!(await client.waitFor((s) => onSocket(s) && hasStatus(s), 15_000))) throw new Error(`${kind}: not on the socket`)
      // Past the baseline's 5 s start window (it polls while opening) and the app's stable mark.
      await sleep(6000)
      if (regime === 'terminal') {
        site.sim.app.store.advance(channelId, 'completed')
        if (!(await client.waitFor(showsStatus('completed'), 15_000))) throw new Error(`${kind}: never showed completed`)
        await sleep(2000)
      }
    }
    const seqBefore = site.sim.app.log.entries().at(-1)?.seq ?? 0
    const before = await client.counts()
    await sleep(windowMs)
    const after = await client.counts()
    const serverPolls = site.sim.app.log.entries(seqBefore).filter((e) => e.kind === 'poll' && e.channelId === channelId).length
    const perMinute = (n: number): number => Math.round((n * 60_000 * 10) / windowMs) / 10
    const delta = (key: keyof RequestCounts): number => after[key] - before[key]
    return {
      http: perMinute(delta('http')),
      wsConnects: perMinute(delta('wsConnects')),
      wsFramesSent: perMinute(delta('wsFramesSent')),
      total: perMinute(delta('http') + delta('wsConnects') + delta('wsFramesSent')),
      serverPolls: perMinute(serverPolls),
      windowMs,
    }
  } finally {
    await client.close()
  }
}

/** Every regime for both clients at once: `polling` on `refused`, the others on `healthy`. */
export async function requestRates(browser: Browser, healthy: Site, refused: Site, windowMs: number): Promise<Record<Regime, PerClient<RequestRate>>> {
  const regimes: Regime[] = ['polling', 'open', 'terminal']
  const jobs = regimes.flatMap((regime) => KINDS.map((kind) => ({ regime, kind })))
  const results = await Promise.all(
    jobs.map(async ({ regime, kind }) => ({ regime, kind, rate: await rateOnce(browser, regime === 'polling' ? refused : healthy, kind, regime, windowMs) })),
  )
  const out = {} as Record<Regime, PerClient<RequestRate>>
  for (const regime of regimes) {
    const get = (kind: ClientKind) => results.find((r) => r.regime === regime && r.kind === kind)?.rate as RequestRate
    out[regime] = { app: get('app'), baseline: get('baseline') }
  }
  return out
}
