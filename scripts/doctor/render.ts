/** The doctor's report for people (colours on a terminal only, never with NO_COLOR) and for machines. */
import type { Verdict, VerdictLevel } from '../../src/core/diagnostics/verdict'
import type { DoctorReport, StepResult } from './run'

export interface Style {
  level(level: VerdictLevel, text: string): string
  dim(text: string): string
  bold(text: string): string
}

const plain: Style = { level: (_l, t) => t, dim: (t) => t, bold: (t) => t }
const CODES: Record<VerdictLevel, string> = { pass: '32', warn: '33', fail: '31' }
const ansi: Style = {
  level: (l, t) => `\x1b[${CODES[l]}m${t}\x1b[0m`,
  dim: (t) => `\x1b[2m${t}\x1b[0m`,
  bold: (t) => `\x1b[1m${t}\x1b[0m`,
}

/** Colours only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function styleFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): Style {
  return stream.isTTY === true && !env.NO_COLOR ? ansi : plain
}

function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`
}

export function verdictLine(v: Verdict, style: Style = plain): string[] {
  const lines = [`   ${style.level(v.level, v.level.toUpperCase().padEnd(4))} ${v.check.padEnd(14)} [${v.layer}] ${v.summary}`]
  if (v.fix) lines.push(`        ${style.dim('fix:')} ${v.fix}`)
  return lines
}

export function stepLines(step: StepResult, index: number, style: Style = plain): string[] {
  const head = `${String(index + 1).padStart(2)}. ${style.bold(step.title)}`
  if (step.skipped !== null) return [`${head}  ${style.dim(`skipped: ${step.skipped}`)}`]
  return [`${head}  ${style.dim(duration(step.ms))}`, ...step.details.map((d) => `      ${style.dim(d)}`), ...step.verdicts.flatMap((v) => verdictLine(v, style))]
}

export function header(report: Pick<DoctorReport, 'target'>, style: Style = plain): string[] {
  const t = report.target
  return [
    style.bold(`DLUX payment monitor · connection doctor`),
    `socket ${t.wsUrl} · api ${t.apiUrl}${t.origin ? ` · origin ${t.origin}` : ''}${t.channel ? ` · channel ${t.channel}` : ''}`,
    '',
  ]
}

export function footer(report: DoctorReport, style: Style = plain): string[] {
  const all = report.steps.flatMap((s) => s.verdicts)
  const count = (level: VerdictLevel): number => all.filter((v) => v.level === level).length
  return [
    '',
    `${style.level(report.worst, report.worst.toUpperCase())}: ${count('fail')} fail, ${count('warn')} warn, ${count('pass')} pass in ${duration(report.ms)} (exit ${report.exitCode})`,
  ]
}

export function renderText(report: DoctorReport, style: Style = plain): string {
  return [...header(report, style), ...report.steps.flatMap((s, i) => stepLines(s, i, style)), ...footer(report, style)].join('\n') + '\n'
}

export function renderJson(report: DoctorReport): string {
  return JSON.stringify(report, null, 2) + '\n'
}
