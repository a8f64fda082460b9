// The tests mutation testing runs (stryker.config.json): unit and simulator tests, without the
// component tests and tests/server/core-against-simulator.test.ts, which depend on wall-clock timing
// and fail Stryker's initial run on a busy machine. None of the left-out files is needed to kill a
// mutant in src/core: the core's rules are guarded by the fake-clock unit tests.
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  // Some unit tests import single-file components.
  plugins: [vue()],
  test: {
    environment: 'node',
    include: ['tests/unit/**/*.test.ts', 'tests/server/**/*.test.ts'],
    exclude: ['tests/server/core-against-simulator.test.ts'],
  },
})
