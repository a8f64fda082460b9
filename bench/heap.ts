/**
 * The page's JS heap while the socket flaps for the equivalent of ten minutes at production
 * settings. Time is compressed in the page (page.ts `timeWarp`): the production build runs with
 * its clocks `WARP` times faster, so every poll, backoff and heartbeat of ten minutes happens, in
 * order, in 600 s / WARP of real time. The server side is not warped: its 150 ms welcome and 80 ms
 * cut stay real, which at WARP = 10 is 1.5 s and 0.8 s of page time, both within the app's 5 s
 * connect timeout and below its 5 s "stable" mark, so every socket still counts as a flap.
 * Heap figures are read after a forced GC through CDP (HeapProfiler.collectGarbage, then
 * Runtime.getHeapUsage).
 */
import type { Browser } from 'playwright-core'
import { Client, hasStatus } from './page'
import type { ClientKind, Site } from './site'
import { KINDS, type PerClient } from './scenarios'
import { sleep } from './stats'

export const WARP = 10
/** Simulated time of flapping at production settings. */
export const SIMULATED_MS = 10 * 60_000

export interface HeapRun {
  /** Used JS heap after GC, bytes, at each checkpoint of simulated time. */
  checkpoints: Array<{ simulatedMs: number; usedBytes: number }>
  /** Last minus first checkpoint. */
  growthBytes: number
  /** What the page did meanwhile (counted in the page), to show the compressed timeline really ran. */
  httpRequests: number
  socketAttempts: number
}

async function heapOnce(browser: Browser, site: Site, kind: ClientKind): Promise<HeapRun> {
  const channelId = site.sim.createChannel().channelId
  const client = await Client.open(browser, site, kind, channelId, { warp: WARP })
  try {
    if (!(await client.waitFor(hasStatus, 15_000))) throw new Error(`${kind}: no status under flapping`)
    const cdp = await client.context.newCDPSession(client.page)
    const usedAfterGc = async (): Promise<number> => {
      await cdp.send('HeapProfiler.collectGarbage')
      return (await cdp.send('Runtime.getHeapUsage')).usedSize
    }
    const startedAt = Date.now()
    const checkpoints: HeapRun['checkpoints'] = [{ simulatedMs: 0, usedBytes: await usedAfterGc() }]
    const counts0 = await client.counts()
    const steps = 4
    for (let step = 1; step <= steps; step += 1) {
      const due = startedAt + (SIMULATED_MS / WARP) * (step / steps)
      await sleep(Math.max(0, due - Date.now()))
      checkpoints.push({ simulatedMs: (SIMULATED_MS * step) / steps, usedBytes: await usedAfterGc() })
    }
    const counts1 = await client.counts()
    await cdp.detach().catch(() => undefined)
    return {
      checkpoints,
      growthBytes: (checkpoints.at(-1)?.usedBytes ?? 0) - (checkpoints[0]?.usedBytes ?? 0),
      httpRequests: counts1.http - counts0.http,
      socketAttempts: counts1.wsConnects - counts0.wsConnects,
    }
  } finally {
    await client.close()
  }
}

/** Both clients at once on a site whose every socket flaps (global `cut-after-welcome`). */
export async function heapUnderFlapping(browser: Browser, flapping: Site): Promise<PerClient<HeapRun>> {
  const [app, baseline] = await Promise.all(KINDS.map((kind) => heapOnce(browser, flapping, kind)))
  return { app: app as HeapRun, baseline: baseline as HeapRun }
}
