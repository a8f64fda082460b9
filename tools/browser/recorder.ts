/**
 * Records what the page shows through the DOM hooks of docs/operations.md, every time the DOM changes:
 * a page script puts a MutationObserver on the document and reports each new combination of hook
 * values to the test. How the report travels depends on the engine (tools/browser/engines/): through
 * a binding the browser exposes (Playwright's `exposeBinding`, a BiDi channel), or, where the
 * protocol has none (classic WebDriver), into a buffer in `sessionStorage` that the test drains.
 * Either way the record survives reloads, so a test can assert over a whole case that status never
 * went back.
 */
import type { BrowserContext } from 'playwright-core'

/** One combination of hook values, as the page showed it. `null`: the hook was not in the DOM. */
export interface HookSnapshot {
  /** Browser clock, epoch ms. */
  t: number
  href: string
  status: string | null
  progress: string | null
  state: string | null
  transport: string | null
  closeCode: string | null
  wsAttempts: string | null
}

/** The forward order of non-terminal statuses; the terminal ones rank after all of them. */
const RANK: Record<string, number> = {
  waiting_payment: 0,
  payment_detected: 1,
  confirming: 2,
  creating_account: 3,
  completed: 4,
  failed: 4,
  expired: 4,
}
const TERMINAL = new Set(['completed', 'failed', 'expired'])

/** Where the page script reports: binding names, and the buffer used when there is no binding. */
export interface RecorderChannels {
  binding: string
  csp: string
  buffer: string
}

export const RECORDER_CHANNELS: RecorderChannels = {
  binding: '__e2eRecord',
  csp: '__e2eCspViolation',
  buffer: '__e2eRecorderBuffer',
}

/** What sits in the buffer: hook snapshots and CSP violation messages, in the order they came. */
export type BufferedReport = { kind: 'hooks'; snapshot: HookSnapshot } | { kind: 'csp'; message: string }

/**
 * Runs in the page, before its scripts where the engine allows it (an init or preload script), else
 * right after each navigation. Installs itself once per document.
 */
export function pageRecorder(names: RecorderChannels): void {
  const w = window as unknown as Record<string, unknown>
  if (w.__e2eRecorderInstalled) return
  w.__e2eRecorderInstalled = true
  const send = (binding: string, report: { kind: 'hooks'; snapshot: unknown } | { kind: 'csp'; message: string }): void => {
    const exposed = w[binding]
    if (typeof exposed === 'function') {
      exposed(report.kind === 'hooks' ? report.snapshot : report.message)
      return
    }
    // No binding (classic WebDriver): keep it for the test's next drain. sessionStorage outlives a
    // reload of the tab, so what the page showed just before one is not lost.
    try {
      const queued = JSON.parse(sessionStorage.getItem(names.buffer) ?? '[]') as unknown[]
      queued.push(report)
      sessionStorage.setItem(names.buffer, JSON.stringify(queued))
    } catch {
      // Storage unavailable: nothing to record into.
    }
  }
  const hook = (id: string): Element | null => document.querySelector(`[data-testid="${id}"]`)
  const text = (id: string): string | null => {
    const el = hook(id)
    return el ? (el.textContent ?? '').trim() : null
  }
  let last = ''
  const report = (): void => {
    const status = hook('payment-status')
    const connection = hook('connection-state')
    const snapshot = {
      status: status ? (status.getAttribute('data-status') ?? '') : null,
      progress: hook('payment-progress')?.getAttribute('aria-valuenow') ?? null,
      state: connection?.getAttribute('data-state') ?? null,
      transport: connection?.getAttribute('data-transport') ?? null,
      closeCode: text('diag-last-close-code'),
      wsAttempts: text('diag-ws-attempts'),
    }
    const key = JSON.stringify(snapshot)
    if (key === last) return
    last = key
    send(names.binding, { kind: 'hooks', snapshot: { ...snapshot, t: Date.now(), href: location.href } })
  }
  new MutationObserver(report).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    characterData: true,
  })
  document.addEventListener('securitypolicyviolation', (event) => {
    send(names.csp, {
      kind: 'csp',
      message: `${event.violatedDirective} blocked ${event.blockedURI || '(inline)'} at ${event.sourceFile}:${event.lineNumber}`,
    })
  })
  report()
}

/** Runs in the page: takes everything out of the buffer (oldest first) and empties it. */
export function drainRecorderBuffer(buffer: string): BufferedReport[] {
  try {
    const queued = JSON.parse(sessionStorage.getItem(buffer) ?? '[]') as BufferedReport[]
    sessionStorage.removeItem(buffer)
    return queued
  } catch {
    return []
  }
}

export class Recorder {
  readonly snapshots: HookSnapshot[] = []
  readonly cspViolations: string[] = []

  /** Playwright: installs the bindings and the init script; call before the first navigation. */
  static async attach(context: BrowserContext): Promise<Recorder> {
    const recorder = new Recorder()
    await context.exposeBinding(RECORDER_CHANNELS.binding, (_source, payload: HookSnapshot) => {
      recorder.snapshots.push(payload)
    })
    await context.exposeBinding(RECORDER_CHANNELS.csp, (_source, message: string) => {
      recorder.cspViolations.push(message)
    })
    await context.addInitScript(pageRecorder, RECORDER_CHANNELS)
    return recorder
  }

  /** Takes in what a drain of the page's buffer returned. */
  absorb(reports: readonly BufferedReport[]): void {
    for (const report of reports) {
      if (report.kind === 'hooks') this.snapshots.push(report.snapshot)
      else this.cspViolations.push(report.message)
    }
  }

  /** Snapshots from index `from` on (e.g. since a mark taken with `mark()`). */
  since(from: number): HookSnapshot[] {
    return this.snapshots.slice(from)
  }

  mark(): number {
    return this.snapshots.length
  }

  /** Distinct consecutive values of one hook, empty and missing values left out. */
  sequence(field: Exclude<keyof HookSnapshot, 't' | 'href'>, from = 0): string[] {
    const out: string[] = []
    for (const snapshot of this.since(from)) {
      const value = snapshot[field]
      if (value === null || value === '') continue
      if (out[out.length - 1] !== value) out.push(value)
    }
    return out
  }

  statuses(from = 0): string[] {
    return this.sequence('status', from)
  }

  /** `state/transport` pairs in the order seen. */
  connections(from = 0): string[] {
    const out: string[] = []
    for (const s of this.since(from)) {
      if (s.state === null) continue
      const pair = `${s.state}/${s.transport ?? '?'}`
      if (out[out.length - 1] !== pair) out.push(pair)
    }
    return out
  }

  closeCodes(from = 0): string[] {
    return [...new Set(this.sequence('closeCode', from))]
  }

  maxWsAttempts(): number {
    return Math.max(0, ...this.sequence('wsAttempts').map(Number).filter(Number.isFinite))
  }

  /**
   * Null if status never went backwards (nor progress within a non-terminal status, nor anything
   * after a terminal status), else a description of the first step back. Blank statuses (a
   * reload, the first render) are skipped: they are "not known yet", not a status.
   */
  firstStepBack(): string | null {
    let previous: HookSnapshot | null = null
    for (const current of this.snapshots) {
      if (!current.status || current.status === 'unknown') continue
      if (previous?.status) {
        const before = previous.status
        const now = current.status
        const from = RANK[before]
        const to = RANK[now]
        if (before !== now && TERMINAL.has(before)) return `left terminal ${before} for ${now}`
        if (from !== undefined && to !== undefined && to < from) return `${before} → ${now}`
        if (before === now && !TERMINAL.has(now)) {
          const p0 = Number(previous.progress)
          const p1 = Number(current.progress)
          if (Number.isFinite(p0) && Number.isFinite(p1) && p1 < p0) return `${now} progress ${p0} → ${p1}`
        }
      }
      previous = current
    }
    return null
  }

  /** A compact timeline for failure messages and artifacts. */
  timeline(): string {
    const t0 = this.snapshots[0]?.t ?? 0
    return this.snapshots
      .map(
        (s) =>
          `+${String(s.t - t0).padStart(6)} ms  status=${s.status ?? '-'} progress=${s.progress ?? '-'} ` +
          `state=${s.state ?? '-'}/${s.transport ?? '-'} close=${s.closeCode || '-'} attempts=${s.wsAttempts ?? '-'}`,
      )
      .join('\n')
  }
}
