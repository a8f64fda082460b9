/**
 * The one page surface an end-to-end case needs, whatever drives the browser: Chromium through
 * Playwright, Firefox over WebDriver BiDi, WebKit over classic WebDriver (tools/browser/engines/).
 * A case is written once against it and runs in every engine.
 */
import type { Recorder } from './recorder'

/** The three browser engines payers use: Chrome and Android, Firefox, Safari and iOS. */
export type EngineName = 'chromium' | 'firefox' | 'webkit'

export interface Viewport {
  width: number
  height: number
}

/**
 * A function that runs in the page. It is sent as source text, so it may use only its argument
 * (JSON) and the page's globals, never a variable of the test.
 */
export type PageFunction<A, R> = (arg: A) => R | Promise<R>

export interface EnginePage {
  readonly engine: EngineName
  /** What the page showed through its DOM hooks, across reloads (see `syncRecorder`). */
  readonly recorder: Recorder
  /** Console messages, page errors and dialogs, in order, where the engine reports them. */
  readonly consoleLines: string[]
  /** Dialogs the page opened (alert, confirm, prompt): none is ever expected. */
  readonly dialogs: string[]
  /** Loads `url`; resolves once the new document is there (its DOM parsed, at the latest loaded). */
  goto(url: string): Promise<void>
  /** Reloads; resolves once the new document is there, so nothing of the old one is read after. */
  reload(): Promise<void>
  url(): Promise<string>
  /** Runs `fn(arg)` in the page and returns its (JSON) result, awaiting a promise. */
  evaluate<A, R>(fn: PageFunction<A, R>, arg: A): Promise<R>
  /**
   * Runs a script's source text in the page, as the automation protocol runs scripts: not subject
   * to the page's Content-Security-Policy, which forbids `eval` (used to put axe into the page).
   */
  addScript(source: string): Promise<void>
  /**
   * Brings the recorder up to date with what the page showed until now. Engines whose reports
   * travel by binding have them already; classic WebDriver drains the page's buffer here.
   */
  syncRecorder(): Promise<void>
  /** Sizes the page's viewport; returns the size it got (an engine may have a minimum). */
  setViewport(viewport: Viewport): Promise<Viewport>
  /** A PNG of the whole page, for the artifacts of a failed case. */
  screenshot(file: string): Promise<void>
  close(): Promise<void>
}

export interface EngineBrowser {
  readonly engine: EngineName
  /** A page in a fresh browsing context (no cookies or storage from an earlier page). */
  newPage(viewport: Viewport): Promise<EnginePage>
  close(): Promise<void>
}

/**
 * Resolves once `fn(arg)` is true in the page, checking every `everyMs`; throws after `timeoutMs`
 * with `what` and the last error the page gave, if any. Works the same in every engine.
 *
 * @example await waitInPage(page, 'status completed', (id) => !!document.getElementById(id), 'done', 5000)
 */
export async function waitInPage<A>(
  page: EnginePage,
  what: string,
  fn: PageFunction<A, boolean>,
  arg: A,
  timeoutMs: number,
  everyMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let lastError: unknown = null
  for (let check = 1; ; check++) {
    try {
      if (await page.evaluate(fn, arg)) return
      lastError = null
    } catch (error) {
      // A navigation in progress destroys the context the check ran in: check again.
      lastError = error
    }
    if (Date.now() >= deadline) {
      const cause = lastError === null ? '' : ` (last check failed: ${String(lastError)})`
      throw new Error(`Timed out after ${timeoutMs} ms in ${page.engine} waiting for ${what} (${check} checks)${cause}`)
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs))
  }
}
