/**
 * The fixture every e2e file uses: build and browser once per file, and `withCase`, which gives a
 * case fresh servers and a fresh browser context, saves the failure artifacts, and always tears
 * both down (by PID) whatever happened.
 */
import { afterAll, beforeAll, expect } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { AdvanceTarget } from '../../../server/paymentTimeline'
import { launchBrowser } from '../../../tools/browser/launch'
import type { HookSnapshot } from '../../../tools/browser/recorder'
import { stopAll, usePidDir } from '../../../tools/processes/managed'
import type { Simulator } from '../../../tools/processes/simulator'
import { ensureBuild, type AppBuild } from './build'
import { TIMING, e2eRun, pidDirOf, type E2eRun } from './env'
import { openPageCase, saveFailureArtifacts, type PageCase } from './pageCase'
import { frontName, startStack, type Front, type Stack } from './stack'

export interface CaseContext extends PageCase {
  stack: Stack
  sim: Simulator
  /** Loads the page for this channel and waits for the DOM to be there. */
  open(channelId: string): Promise<void>
}

export interface E2eSuite {
  run(): E2eRun
  build(): AppBuild
  withCase(name: string, front: Front, body: (c: CaseContext) => Promise<void>): Promise<void>
}

/** Call once at the top of a test file. */
export function useE2e(): E2eSuite {
  const run = e2eRun()
  usePidDir(pidDirOf(run))
  let build: AppBuild | null = null
  let browser: Browser | null = null

  beforeAll(async () => {
    build = await ensureBuild(run)
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close().catch(() => undefined)
    await stopAll()
  })

  return {
    run: () => run,
    build() {
      if (!build) throw new Error('build not ready (beforeAll failed?)')
      return build
    },
    async withCase(name, front, body) {
      if (!build || !browser) throw new Error('e2e fixture not ready (beforeAll failed?)')
      const label = `${frontName(front)}: ${name}`
      const stack = await startStack(run, build, front)
      let c: PageCase | null = null
      try {
        c = await openPageCase(browser)
        const page = c.page
        const context: CaseContext = {
          ...c,
          stack,
          sim: stack.sim,
          async open(channelId) {
            await page.goto(stack.pageUrl(channelId), { waitUntil: 'domcontentloaded' })
          },
        }
        await body(context)
      } catch (error) {
        if (c) await saveFailureArtifacts(label, c, error, await stack.artifacts()).catch((e: unknown) => console.error(e))
        throw error
      } finally {
        await c?.context.close().catch(() => undefined)
        await stack.stop()
      }
    },
  }
}

const q = (testId: string): string => `[data-testid="${testId}"]`

export async function waitForStatus(page: Page, status: string, timeoutMs = 10_000): Promise<void> {
  await page.locator(`${q('payment-status')}[data-status="${status}"]`).first().waitFor({ state: 'attached', timeout: timeoutMs })
}

export async function waitForConnection(page: Page, state: string, transport?: string, timeoutMs = 10_000): Promise<void> {
  const t = transport ? `[data-transport="${transport}"]` : ''
  await page.locator(`${q('connection-state')}[data-state="${state}"]${t}`).first().waitFor({ state: 'attached', timeout: timeoutMs })
}

/** Waits until the progress bar reads at least `value`. */
export async function waitForProgress(page: Page, value: number, timeoutMs = 10_000): Promise<void> {
  await page.waitForFunction(
    ({ selector, min }) => Number(document.querySelector(selector)?.getAttribute('aria-valuenow')) >= min,
    { selector: q('payment-progress'), min: value },
    { timeout: timeoutMs },
  )
}

export async function hookText(page: Page, testId: string): Promise<string> {
  const el = page.locator(q(testId)).first()
  return (await el.count()) === 0 ? '' : ((await el.textContent()) ?? '').trim()
}

export async function lastCloseCode(page: Page): Promise<string> {
  return hookText(page, 'diag-last-close-code')
}

export async function wsAttempts(page: Page): Promise<number> {
  return Number((await hookText(page, 'diag-ws-attempts')) || '0')
}

/** Waits until the diagnostics show this last close code. */
export async function waitForCloseCode(page: Page, code: number, timeoutMs = 10_000): Promise<void> {
  await page.waitForFunction(
    ({ selector, expected }) => (document.querySelector(selector)?.textContent ?? '').trim() === expected,
    { selector: q('diag-last-close-code'), expected: String(code) },
    { timeout: timeoutMs },
  )
}

/**
 * The channel's steps from waiting_payment on (BTC: two confirmations), each with the status and
 * least progress the page must show before the next step is taken: "every update shown".
 */
export const BTC_STEPS: ReadonlyArray<{ status: AdvanceTarget; progress: number }> = [
  { status: 'payment_detected', progress: 40 },
  { status: 'confirming', progress: 55 },
  { status: 'confirming', progress: 70 },
  { status: 'creating_account', progress: 80 },
  { status: 'completed', progress: 100 },
]

/** Moves a manual channel step by step to completed, waiting for the page to show each step. */
export async function driveToCompletion(c: CaseContext, channelId: string, stepTimeoutMs = 10_000): Promise<void> {
  for (const step of BTC_STEPS) {
    await c.sim.advance(channelId)
    await waitForStatus(c.page, step.status, stepTimeoutMs)
    await waitForProgress(c.page, step.progress, stepTimeoutMs)
  }
}

/** Holds for `ms` while the page stays where it is (used to prove that nothing cuts a socket). */
export function hold(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

export interface Expectations {
  finalStatus: string
  /** `state/transport` pairs that must have been seen at some point, e.g. `open/websocket`. */
  seen?: string[]
  /** `state/transport` pairs that must never be seen. */
  neverSeen?: string[]
  /** What diag-last-close-code must read at the end ('' for "no close the app did not ask for"). */
  closeCode?: string
  /** A close code that must have been shown at some point during the case. */
  closeCodeSeen?: string
}

/** The checks every case ends with. */
export async function expectOutcome(c: CaseContext, expected: Expectations): Promise<void> {
  const { page, recorder } = c
  await waitForStatus(page, expected.finalStatus)
  const timeline = `\n${recorder.timeline()}`
  expect(recorder.firstStepBack(), `status went backwards${timeline}`).toBeNull()
  const pairs = recorder.connections()
  for (const pair of expected.seen ?? []) expect(pairs, `expected ${pair} to be seen${timeline}`).toContain(pair)
  for (const pair of expected.neverSeen ?? []) expect(pairs, `expected ${pair} never to be seen${timeline}`).not.toContain(pair)
  if (expected.closeCode !== undefined) expect(await lastCloseCode(page), `last close code${timeline}`).toBe(expected.closeCode)
  if (expected.closeCodeSeen !== undefined) {
    expect(recorder.closeCodes(), `close code ${expected.closeCodeSeen} shown${timeline}`).toContain(expected.closeCodeSeen)
  }
  expect(c.dialogs, 'the page opened a dialog').toEqual([])
  expect(recorder.cspViolations, 'Content-Security-Policy violations').toEqual([])
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), 'window.__pwned').toBeUndefined()
}

/** At a terminal status the app stops: socket closed, no polling (docs/operations.md). */
export async function expectStoppedAtTerminal(c: CaseContext): Promise<void> {
  await waitForConnection(c.page, 'idle', 'none')
}

/**
 * From the first `open/websocket` until the terminal status, the page never left the socket: the
 * only later pair allowed is the final `idle/none`.
 */
export function expectSocketThroughout(c: CaseContext): void {
  const pairs = c.recorder.connections()
  const first = pairs.indexOf('open/websocket')
  const timeline = `\n${c.recorder.timeline()}`
  expect(first, `never open/websocket${timeline}`).toBeGreaterThanOrEqual(0)
  expect(pairs.slice(first), `left the socket${timeline}`).toEqual(['open/websocket', 'idle/none'])
  expect(c.recorder.maxWsAttempts(), `more than one socket${timeline}`).toBe(1)
}

/**
 * A correctly set-up path: the socket opens, survives several heartbeats' worth of silence from the
 * server (nothing on the path may cut it), shows every update, and never falls back.
 */
export async function expectSocketSurvivesQuietSpells(c: CaseContext): Promise<void> {
  const channelId = await c.sim.createChannel()
  await c.open(channelId)
  await waitForStatus(c.page, 'waiting_payment')
  await waitForConnection(c.page, 'open', 'websocket')
  await hold(2 * TIMING.heartbeatIntervalMs + 1000)
  await driveToCompletion(c, channelId)
  await expectStoppedAtTerminal(c)
  await expectOutcome(c, { finalStatus: 'completed', seen: ['open/websocket'], closeCode: '' })
  expectSocketThroughout(c)
}

/** Milliseconds (browser clock) from `from` until a snapshot matches, or null if none did. */
export function msUntil(c: CaseContext, from: number, match: (s: HookSnapshot) => boolean): number | null {
  const hit = c.recorder.snapshots.find((s) => s.t >= from && match(s))
  return hit ? hit.t - from : null
}

