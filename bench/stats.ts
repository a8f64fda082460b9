/** Summaries of repeated measurements: median, 90th percentile and worst, with "never" kept as a value of its own. */

/** One measured figure over several runs. `null` samples mean "did not happen within the window". */
export interface Figure {
  /** Median of the samples that happened, ms (or the unit of the figure); null if none happened. */
  median: number | null
  /** 90th percentile (nearest rank), with "never" counted as a sample above every number. */
  p90?: number | null
  /** Largest sample; null (never) as soon as one run never got there: the worst user sees that. */
  worst: number | null
  /** Every sample in run order, null for "never within the window". */
  samples: Array<number | null>
  /** How long a run waited before calling it "never", if the figure has a window. */
  windowMs?: number
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/** Nearest-rank percentile: the smallest sample with at least `q` of the samples at or below it. */
export function percentile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)))
  return sorted[rank - 1] as number
}

export function figure(samples: ReadonlyArray<number | null>, windowMs?: number): Figure {
  // "Never" sorts after every number: the median is "never" only if half the runs never got there.
  const asNumbers = samples.map((value) => value ?? Number.POSITIVE_INFINITY)
  const middle = median(asNumbers)
  const worst = asNumbers.length > 0 ? Math.max(...asNumbers) : null
  const p90 = percentile(asNumbers, 0.9)
  return {
    median: middle === null || !Number.isFinite(middle) ? null : middle,
    p90: p90 === null || !Number.isFinite(p90) ? null : p90,
    worst: worst === null || !Number.isFinite(worst) ? null : worst,
    samples: [...samples],
    ...(windowMs !== undefined ? { windowMs } : {}),
  }
}

/** app / baseline; > 1 means the app is that many times faster (or lighter) than the baseline. */
export function ratio(app: number | null, baseline: number | null): string {
  if (app === null && baseline === null) return '–'
  if (app === null) return 'app never'
  if (baseline === null) return 'baseline never'
  if (app === 0 && baseline === 0) return '1.0'
  if (app === 0) return '∞'
  return (baseline / app).toFixed(1)
}

export function formatMs(value: number | null, windowMs?: number): string {
  if (value === null) return windowMs !== undefined ? `never (>${Math.round(windowMs / 1000)} s)` : 'never'
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`
  return `${Math.round(value)} ms`
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
