/**
 * Progress as the payer lives it: Send payment (Payment sent ✓ once seen) → Confirmed x/y →
 * Account created. The bar's value stays the server's progress (0..100); its accessible text names
 * the step. Labels are short words that wrap into two even lines in a 320 px phone's thirds.
 */
import type { Translator } from '../core/i18n/translator'
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

export function progressView(s: PaymentStatus, tr: Translator): ProgressView {
  const value = Math.round(Math.min(100, Math.max(0, Number.isFinite(s.progress) ? s.progress : 0)))
  const at = currentStep(s.code)
  const stopped = s.code === 'failed' || s.code === 'expired'
  const stateOf = (i: number): StepState => (i < at ? 'done' : i === at && !stopped ? 'current' : 'todo')
  const count = confirmationCount(s)
  const steps: ProgressStep[] = [
    { id: 'sent', label: tr.t(at > 0 ? 'steps.sent' : 'steps.send'), state: stateOf(0) },
    { id: 'confirmations', label: count ? tr.t('steps.confirmed_count', count) : tr.t('steps.confirmed'), state: stateOf(1) },
    { id: 'created', label: tr.t('steps.created'), state: stateOf(2) },
  ]
  const spoken = [
    tr.t('steps.said.sent'),
    count ? tr.t('steps.said.confirmations_count', count) : tr.t('steps.said.confirmations'),
    tr.t('steps.said.created'),
  ]

  let valueText: string
  if (s.code === 'completed') valueText = tr.t('steps.all_done')
  else if (stopped) valueText = tr.t('steps.stopped', { step: at + 1, name: spoken[at] ?? '' })
  else if (s.code === 'unknown') valueText = tr.t('status.unknown')
  else if (at === 0) valueText = tr.t('steps.not_sent')
  else if (at === 1) valueText = tr.t('steps.at', { step: 2, name: spoken[1] ?? '' })
  else valueText = tr.t('steps.creating')

  return { value, tone: s.code === 'completed' ? 'done' : stopped ? 'stopped' : 'normal', steps, valueText }
}
