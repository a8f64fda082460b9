/**
 * Progress as the payer lives it: Send payment (Payment sent ✓ once seen) → Confirmed x/y →
 * Account created. The bar's value stays the server's progress (0..100); its accessible text names
 * the step. Labels are short words that wrap into two even lines in a 320 px phone's thirds.
 */
import type { PaymentStatus } from '../core/protocol/status'

export type StepState = 'done' | 'current' | 'todo'

export interface ProgressStep {
  id: 'sent' | 'confirmations' | 'created'
  label: string
  state: StepState
}

export interface ProgressView {
  /** 0..100, the server's figure (or the status table's). */
  value: number
  tone: 'normal' | 'done' | 'stopped'
  steps: ProgressStep[]
  /** What a screen reader says for the bar, e.g. `Step 2 of 3: confirmations, 1 of 2`. */
  valueText: string
}

/** Index of the step under way (0..2), 3 when all are done. */
function currentStep(code: PaymentStatus['code']): number {
  switch (code) {
    case 'payment_detected':
    case 'confirming':
      return 1
    case 'creating_account':
      return 2
    case 'completed':
      return 3
    default:
      return 0
  }
}

/** Confirmations seen and required, or null when the required count is not known. */
function confirmationCount(s: PaymentStatus): { seen: number; required: number } | null {
  if (s.confirmationsRequired === null) return null
  const done = s.code === 'creating_account' || s.code === 'completed'
  const seen = done ? s.confirmationsRequired : Math.min(s.confirmations ?? 0, s.confirmationsRequired)
  return { seen, required: s.confirmationsRequired }
}

export function progressView(s: PaymentStatus): ProgressView {
  const value = Math.round(Math.min(100, Math.max(0, Number.isFinite(s.progress) ? s.progress : 0)))
  const at = currentStep(s.code)
  const stopped = s.code === 'failed' || s.code === 'expired'
  const stateOf = (i: number): StepState => (i < at ? 'done' : i === at && !stopped ? 'current' : 'todo')
  const count = confirmationCount(s)
  const steps: ProgressStep[] = [
    { id: 'sent', label: at > 0 ? 'Payment sent' : 'Send payment', state: stateOf(0) },
    { id: 'confirmations', label: count ? `Confirmed ${count.seen}/${count.required}` : 'Confirmed', state: stateOf(1) },
    { id: 'created', label: 'Account created', state: stateOf(2) },
  ]
  const spoken = ['payment sent', count ? `confirmations ${count.seen} of ${count.required}` : 'confirmations', 'account created']

  let valueText: string
  if (s.code === 'completed') valueText = 'All 3 steps done: account created'
  else if (stopped) valueText = `Stopped at step ${at + 1} of 3: ${spoken[at] ?? ''}`
  else if (s.code === 'unknown') valueText = 'Checking the payment status'
  else if (at === 0) valueText = 'Step 1 of 3: payment not sent yet'
  else if (at === 1) valueText = `Step 2 of 3: ${spoken[1]}`
  else valueText = 'Step 3 of 3: creating your account'

  return { value, tone: s.code === 'completed' ? 'done' : stopped ? 'stopped' : 'normal', steps, valueText }
}
