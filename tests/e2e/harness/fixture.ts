/**
 * The fixtures the e2e files use: the build once per file, a browser once per file (or per engine),
 * and `withCase`, which gives a case fresh servers and a fresh page, saves the failure artifacts,
 * and always tears both down (by PID) whatever happened.
 *
 * - `useE2e()`: Chromium through Playwright, with Playwright's own page and context in the case
 *   for what only Playwright can do (offline, clipboard, colour scheme, routes).
 * - `useEngine(engine)`: any of the three engines, through the page surface every engine offers
 *   (tools/browser/enginePage.ts); call it inside the engine's `describe`.
 */
import { afterAll, beforeAll } from 'vitest'
import type { Browser } from 'playwright-core'
import type { EngineBrowser, EngineName, EnginePage } from '../../../tools/browser/enginePage'
import { launchEngine } from '../../../tools/browser/engines/launchEngine'
import { launchBrowser } from '../../../tools/browser/launch'
import type { Recorder } from '../../../tools/browser/recorder'
import { stopAll, usePidDir } from '../../../tools/processes/managed'
import type { Simulator } from '../../../tools/processes/simulator'
import { ensureBuild, type AppBuild } from './build'
import { e2eRun, pidDirOf, type E2eRun } from './env'
import { CASE_VIEWPORT, openPageCase, saveFailureArtifacts, type PageCase } from './pageCase'
import { frontName, startStack, type Front, type Stack } from './stack'

/** What every case has, in every engine. */
export interface EngineCase {
  engine: EnginePage
  recorder: Recorder
  stack: Stack
  sim: Simulator
  /** Loads the page for this channel and waits for its document to be there. */
  open(channelId: string): Promise<void>
}

/** A Chromium case: the engine page plus Playwright's own page and context. */
export type CaseContext = EngineCase & PageCase

export interface Suite<C extends EngineCase> {
  run(): E2eRun
  build(): AppBuild
  withCase(name: string, front: Front, body: (c: C) => Promise<void>): Promise<void>
}

/** Servers, page, the body, artifacts on failure, teardown in any case: page first, then servers. */
async function runCase<P extends EnginePage, C extends EngineCase>(
  run: E2eRun,
  build: AppBuild,
  label: string,
  front: Front,
  openPage: () => Promise<P>,
  toCase: (page: P, base: EngineCase) => C,
  body: (c: C) => Promise<void>,
): Promise<void> {
  const stack = await startStack(run, build, front)
  let page: P | null = null
  try {
    const opened = await openPage()
    page = opened
    const base: EngineCase = {
      engine: opened,
      recorder: opened.recorder,
      stack,
      sim: stack.sim,
      open: (channelId) => opened.goto(stack.pageUrl(channelId)),
    }
    await body(toCase(opened, base))
  } catch (error) {
    if (page) await saveFailureArtifacts(label, page, error, await stack.artifacts()).catch((e: unknown) => console.error(e))
    throw error
  } finally {
    await page?.close().catch(() => undefined)
    await stack.stop()
  }
}

/** The build (once per run) and the file's processes (ended after the file). */
function useRun(): { run: E2eRun; build: () => AppBuild; ready: () => Promise<void> } {
  const run = e2eRun()
  usePidDir(pidDirOf(run))
  let build: AppBuild | null = null
  return {
    run,
    build() {
      if (!build) throw new Error('build not ready (beforeAll failed?)')
      return build
    },
    async ready() {
      build = await ensureBuild(run)
    },
  }
}

/** Chromium through Playwright; call once at the top of a test file. */
export function useE2e(): Suite<CaseContext> {
  const { run, build, ready } = useRun()
  let browser: Browser | null = null
  beforeAll(async () => {
    await ready()
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close().catch(() => undefined)
    await stopAll()
  })
  return {
    run: () => run,
    build,
    async withCase(name, front, body) {
      const open = browser
      if (!open) throw new Error('e2e fixture not ready (beforeAll failed?)')
      const label = `${frontName(front)}: ${name}`
      await runCase(
        run,
        build(),
        label,
        front,
        async () => (await openPageCase(open)).engine,
        (page, base) => ({ ...base, engine: page, context: page.context, page: page.page }),
        body,
      )
    },
  }
}

/** One engine for the `describe` it is called in: launched before its first case, closed after. */
export function useEngine(engine: EngineName): Suite<EngineCase> {
  const { run, build, ready } = useRun()
  let browser: EngineBrowser | null = null
  beforeAll(async () => {
    await ready()
    const started = Date.now()
    browser = await launchEngine(engine)
    console.log(`[e2e] ${engine} launched in ${Date.now() - started} ms`)
  })
  afterAll(async () => {
    await browser?.close().catch(() => undefined)
    await stopAll()
  })
  return {
    run: () => run,
    build,
    async withCase(name, front, body) {
      const open = browser
      if (!open) throw new Error(`${engine} not ready (beforeAll failed?)`)
      const label = `${engine} ${frontName(front)}: ${name}`
      await runCase(run, build(), label, front, () => open.newPage(CASE_VIEWPORT), (_page, base) => base, body)
    },
  }
}
