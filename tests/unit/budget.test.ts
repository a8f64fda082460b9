/**
 * Size budget: fails only on a gross regression, the whole production bundle (every JavaScript and
 * CSS chunk, lazy ones included) past 80 kB gzipped; it is about 61 kB today. The figures
 * themselves come from `npm run bench`.
 */
import { describe, expect, it } from 'vitest'
import { measureProductionBuild } from '../../bench/size'

const BUDGET_BYTES = 80 * 1024

describe('bundle size budget', () => {
  it('keeps the production build under 80 kB gzipped, every chunk included', async () => {
    const size = await measureProductionBuild()
    const list = size.assets.map((a) => `${a.file} ${a.gzipBytes} B${a.initial ? ' (initial)' : ''}`).join(', ')
    expect(size.assets.some((a) => a.file.startsWith('SimulatorControls')), 'the simulator strip never ships').toBe(false)
    expect(size.totalGzip, `gzipped JS + CSS (${list})`).toBeLessThan(BUDGET_BYTES)
  }, 180_000)
})
