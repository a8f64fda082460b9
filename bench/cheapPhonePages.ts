/**
 * The finding tools' harness (longTaskProfile.ts, taskTrace.ts): the app built without minifying
 * (functions keep their source names), served as the bench serves it, and opened `runs` times in
 * a fresh page as the cheap-phone row opens it (CPU 4×, Lighthouse's mobile network, the
 * `longtask` probe), each with a CDP session the tool prepares before navigation.
 */
import type { CDPSession } from 'playwright-core'
import { launchBrowser } from '../tools/browser/launch'
import { CPU_SLOWDOWN, LIGHTHOUSE_MOBILE_NETWORK, longTaskProbe } from './mainThread'
import { Client } from './page'
import { buildBenchApp, startSite } from './site'

export async function onCheapPhonePages(
  runs: number,
  /** Before navigation: start profiling or tracing. */
  prepare: (session: CDPSession) => Promise<void>,
  /** Once the page is navigating: watch it, read what was recorded, print. */
  each: (run: number, client: Client, session: CDPSession) => Promise<void>,
): Promise<void> {
  const build = await buildBenchApp({ minify: false })
  const site = await startSite(build)
  const browser = await launchBrowser()
  try {
    for (let run = 1; run <= runs; run += 1) {
      let session: CDPSession | null = null
      const client = await Client.open(browser, site, 'app', site.sim.createChannel().channelId, {
        cpuSlowdown: CPU_SLOWDOWN,
        network: LIGHTHOUSE_MOBILE_NETWORK,
        initScripts: [longTaskProbe],
        beforeNavigation: async (opened) => {
          session = opened
          await prepare(opened)
        },
      })
      try {
        await each(run, client, session as unknown as CDPSession)
      } finally {
        await client.close()
      }
    }
  } finally {
    await browser.close()
    await site.close()
    build.remove()
  }
}
