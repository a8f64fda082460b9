/**
 * Records what the page shows through the DOM hooks of docs/operations.md, every time the DOM changes:
 * an init script puts a MutationObserver on the document and reports each new combination of hook
 * values to the test through an exposed binding. The record survives reloads (the binding belongs
 * to the browser context), so a test can assert over a whole case that status never went back.
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

const BINDING = '__e2eRecord'
const CSP_BINDING = '__e2eCspViolation'

/** Runs in the page before any of its scripts, on every navigation. */
function pageRecorder(names: { binding: string; csp: string }): void {
  const w = window as unknown as Record<string, ((payload: unknown) => void) | undefined>
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
    w[names.binding]?.({ ...snapshot, t: Date.now(), href: location.href })
  }
  new MutationObserver(report).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    characterData: true,
  })
  document.addEventListener('securitypolicyviolation', (event) => {
    w[names.csp]?.(`${event.violatedDirective} blocked ${event.blockedURI || '(inline)'} at ${event.sourceFile}:${event.lineNumber}`)
  })
  report()
}

export class Recorder {
  readonly snapshots: HookSnapshot[] = []
  readonly cspViolations: string[] = []

  /** Installs the binding and the init script; call before the first navigation. */
  static async attach(context: BrowserContext): Promise<Recorder> {
    const recorder = new Recorder()
    await context.exposeBinding(BINDING, (_source, payload: HookSnapshot) => {
      recorder.snapshots.push(payload)
    })
    await context.exposeBinding(CSP_BINDING, (_source, message: string) => {
      recorder.cspViolations.push(message)
    })
    await context.addInitScript(pageRecorder, { binding: BINDING, csp: CSP_BINDING })
    return recorder
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
