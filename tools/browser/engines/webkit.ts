/**
 * WebKit (WebKitGTK's MiniBrowser, the engine of Safari and every iOS browser) over classic
 * WebDriver: Debian's `WebKitWebDriver`, inside `xvfb-run` because MiniBrowser needs a display.
 * One driver per browser, one session (a fresh MiniBrowser) per page.
 *
 * Classic WebDriver has no init scripts and no bindings, so the recorder's page script is injected
 * after every navigation and reload (`pageLoadStrategy: normal`: after the load event), reports
 * into a buffer in `sessionStorage`, and `syncRecorder` drains it. What that costs: whatever the
 * page showed before its load event is not recorded (the recorder starts from the hooks as they
 * stand then), each drain is one more HTTP round trip, and console messages, page errors and CSP
 * violations before the injection are not seen. A dialog is not recorded either, but the driver
 * dismisses it and fails the next command (`unhandledPromptBehavior`), so the case fails anyway.
 */
import { writeFileSync } from 'node:fs'
import { freePort, spawnManaged, waitUntil } from '../../processes/managed'
import type { EngineBrowser, EnginePage, PageFunction, Viewport } from '../enginePage'
import { findWebKitDriver, findXvfbRun } from '../lookup'
import { drainRecorderBuffer, pageRecorder, RECORDER_CHANNELS, Recorder, type BufferedReport } from '../recorder'
import { WebDriverSession } from './webDriverSession'

/** A function and its argument as a WebDriver script body. */
function callScript<A, R>(fn: PageFunction<A, R>): string {
  return `return (${fn.toString()})(arguments[0])`
}

async function openWebKitPage(driverUrl: string, viewport: Viewport): Promise<EnginePage> {
  const session = await WebDriverSession.create(driverUrl, {
    browserName: 'MiniBrowser',
    'webkitgtk:browserOptions': { args: ['--automation'] },
    pageLoadStrategy: 'normal',
    unhandledPromptBehavior: 'dismiss and notify',
  })
  const recorder = new Recorder()
  const evaluate = async <A, R>(fn: PageFunction<A, R>, arg: A): Promise<R> => (await session.execute(callScript(fn), [arg ?? null])) as R
  const syncRecorder = async (): Promise<void> => {
    recorder.absorb(await evaluate<string, BufferedReport[]>(drainRecorderBuffer, RECORDER_CHANNELS.buffer))
  }
  /** After a navigation: the recorder into the new document, and what it reported at once. */
  const startRecording = async (): Promise<void> => {
    await evaluate(pageRecorder, RECORDER_CHANNELS)
    await syncRecorder()
  }
  const page: EnginePage = {
    engine: 'webkit',
    recorder,
    consoleLines: [],
    dialogs: [],
    async goto(url) {
      await session.navigate(url)
      await startRecording()
    },
    async reload() {
      await session.refresh()
      await startRecording()
    },
    url: () => session.currentUrl(),
    evaluate,
    async addScript(source) {
      await session.execute(source)
    },
    syncRecorder,
    async setViewport(size) {
      // The window holds the viewport plus MiniBrowser's own bars; MiniBrowser also has a minimum
      // width (447 px with WebKitGTK 2.50), so the size it got is measured, not assumed.
      const [extraWidth, extraHeight] = await evaluate(() => [outerWidth - innerWidth, outerHeight - innerHeight], null)
      await session.setWindowRect(size.width + (extraWidth ?? 0), size.height + (extraHeight ?? 0))
      const [width = 0, height = 0] = await evaluate(() => [innerWidth, innerHeight], null)
      return { width, height }
    },
    async screenshot(file) {
      // Classic WebDriver shoots the viewport only.
      writeFileSync(file, Buffer.from(await session.screenshot(), 'base64'))
    },
    close: () => session.delete(),
  }
  await page.setViewport(viewport)
  return page
}

export async function launchWebKit(): Promise<EngineBrowser> {
  const port = await freePort()
  const driverUrl = `http://127.0.0.1:${port}`
  // `-a`: the first free display number, so parallel runs on one machine do not collide.
  const driver = spawnManaged('WebKitWebDriver', findXvfbRun(), ['-a', '-s', '-screen 0 1600x1400x24', findWebKitDriver(), `--port=${port}`])
  try {
    await waitUntil(
      'WebKitWebDriver to answer',
      async () => {
        if (driver.child.exitCode !== null) throw new Error(`WebKitWebDriver exited:\n${driver.output()}`)
        const res = await fetch(`${driverUrl}/status`, { signal: AbortSignal.timeout(2000) }).catch(() => null)
        return res?.ok ?? false
      },
      { timeoutMs: 20_000 },
    )
  } catch (error) {
    await driver.stop()
    throw error
  }
  return {
    engine: 'webkit',
    newPage: (viewport) => openWebKitPage(driverUrl, viewport),
    close: () => driver.stop(),
  }
}
