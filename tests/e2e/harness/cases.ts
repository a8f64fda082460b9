/**
 * What the cases say, in every engine: waiting for a status, a connection state or a close code
 * through the DOM hooks, moving a channel to completed, and the checks every case ends with. All of
 * it goes through the engine page (tools/browser/enginePage.ts), so one case runs anywhere.
 */
import { expect } from 'vitest'
import type { AdvanceTarget } from '../../../server/paymentTimeline'
import { waitInPage, type EnginePage } from '../../../tools/browser/enginePage'
import type { HookSnapshot } from '../../../tools/browser/recorder'
import { TIMING } from './env'
import type { EngineCase } from './fixture'

const q = (testId: string): string => `[data-testid="${testId}"]`

/** Resolves once an element matching `selector` is in the document. */
export async function waitForSelector(page: EnginePage, selector: string, timeoutMs = 10_000): Promise<void> {
  await waitInPage(page, selector, (s) => document.querySelector(s) !== null, selector, timeoutMs)
}

export async function waitForStatus(page: EnginePage, status: string, timeoutMs = 10_000): Promise<void> {
  await waitForSelector(page, `${q('payment-status')}[data-status="${status}"]`, timeoutMs)
}

export async function waitForConnection(page: EnginePage, state: string, transport?: string, timeoutMs = 10_000): Promise<void> {
  const t = transport ? `[data-transport="${transport}"]` : ''
  await waitForSelector(page, `${q('connection-state')}[data-state="${state}"]${t}`, timeoutMs)
}

/** Waits until the progress bar reads at least `value`. */
export async function waitForProgress(page: EnginePage, value: number, timeoutMs = 10_000): Promise<void> {
  await waitInPage(
    page,
    `progress ${value}`,
    ({ selector, min }) => Number(document.querySelector(selector)?.getAttribute('aria-valuenow')) >= min,
    { selector: q('payment-progress'), min: value },
    timeoutMs,
  )
}

/** The trimmed text of the first element with this test id, or '' when there is none. */
export async function hookText(page: EnginePage, testId: string): Promise<string> {
  return page.evaluate((selector) => (document.querySelector(selector)?.textContent ?? '').trim(), q(testId))
}

/** An attribute of the first element with this test id, or null. */
export async function hookAttribute(page: EnginePage, testId: string, attribute: string): Promise<string | null> {
  return page.evaluate(({ selector, name }) => document.querySelector(selector)?.getAttribute(name) ?? null, { selector: q(testId), name: attribute })
}

export async function lastCloseCode(page: EnginePage): Promise<string> {
  return hookText(page, 'diag-last-close-code')
}

export async function wsAttempts(page: EnginePage): Promise<number> {
  return Number((await hookText(page, 'diag-ws-attempts')) || '0')
}

/** Waits until the diagnostics show this last close code. */
export async function waitForCloseCode(page: EnginePage, code: number, timeoutMs = 10_000): Promise<void> {
  await waitInPage(
    page,
    `last close code ${code}`,
    ({ selector, expected }) => (document.querySelector(selector)?.textContent ?? '').trim() === expected,
    { selector: q('diag-last-close-code'), expected: String(code) },
    timeoutMs,
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
export async function driveToCompletion(c: EngineCase, channelId: string, stepTimeoutMs = 10_000): Promise<void> {
  for (const step of BTC_STEPS) {
    await c.sim.advance(channelId)
    await waitForStatus(c.engine, step.status, stepTimeoutMs)
    await waitForProgress(c.engine, step.progress, stepTimeoutMs)
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
export async function expectOutcome(c: EngineCase, expected: Expectations): Promise<void> {
  const { engine: page, recorder } = c
  await waitForStatus(page, expected.finalStatus)
  await page.syncRecorder()
  const timeline = `\n${recorder.timeline()}`
  expect(recorder.firstStepBack(), `status went backwards${timeline}`).toBeNull()
  const pairs = recorder.connections()
  for (const pair of expected.seen ?? []) expect(pairs, `expected ${pair} to be seen${timeline}`).toContain(pair)
  for (const pair of expected.neverSeen ?? []) expect(pairs, `expected ${pair} never to be seen${timeline}`).not.toContain(pair)
  if (expected.closeCode !== undefined) expect(await lastCloseCode(page), `last close code${timeline}`).toBe(expected.closeCode)
  if (expected.closeCodeSeen !== undefined) {
    expect(recorder.closeCodes(), `close code ${expected.closeCodeSeen} shown${timeline}`).toContain(expected.closeCodeSeen)
  }
  expect(page.dialogs, 'the page opened a dialog').toEqual([])
  expect(recorder.cspViolations, 'Content-Security-Policy violations').toEqual([])
  // A boolean, not the value: engines return `undefined` differently (classic WebDriver says null).
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned !== undefined, null), 'window.__pwned set').toBe(false)
}

/** At a terminal status the app stops: socket closed, no polling (docs/operations.md). */
export async function expectStoppedAtTerminal(c: EngineCase): Promise<void> {
  await waitForConnection(c.engine, 'idle', 'none')
}

/**
 * From the first `open/websocket` until the terminal status, the page never left the socket: the
 * only later pair allowed is the final `idle/none`.
 */
export async function expectSocketThroughout(c: EngineCase): Promise<void> {
  await c.engine.syncRecorder()
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
export async function expectSocketSurvivesQuietSpells(c: EngineCase): Promise<void> {
  const channelId = await c.sim.createChannel()
  await c.open(channelId)
  await waitForStatus(c.engine, 'waiting_payment')
  await waitForConnection(c.engine, 'open', 'websocket')
  await hold(2 * TIMING.heartbeatIntervalMs + 1000)
  await driveToCompletion(c, channelId)
  await expectStoppedAtTerminal(c)
  await expectOutcome(c, { finalStatus: 'completed', seen: ['open/websocket'], closeCode: '' })
  await expectSocketThroughout(c)
}

/** Milliseconds (browser clock) from `from` until a snapshot matches, or null if none did. */
export async function msUntil(c: EngineCase, from: number, match: (s: HookSnapshot) => boolean): Promise<number | null> {
  await c.engine.syncRecorder()
  const hit = c.recorder.snapshots.find((s) => s.t >= from && match(s))
  return hit ? hit.t - from : null
}

