// The tests mutation testing runs (stryker.config.json): unit and simulator tests, and of the
// component tests only the first screen's (it guards src/boot/firstScreen.ts, and has no timing),
// without tests/server/core-against-simulator.test.ts and the other component tests, which depend
// on wall-clock timing and fail Stryker's initial run on a busy machine. None of the left-out files
// is needed to kill a mutant in src/core: the core's rules are guarded by the fake-clock unit tests.
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  // Some unit tests import single-file components.
  plugins: [vue()],
  test: {
    environment: 'node',
    include: ['tests/unit/**/*.test.ts', 'tests/server/**/*.test.ts', 'tests/component/first-screen.test.ts'],
    // The budget test builds the app and weighs it: under mutation it would weigh Stryker's
    // instrumented code, and it guards sizes, not rules a mutant could break.
    exclude: ['tests/server/core-against-simulator.test.ts', 'tests/unit/budget.test.ts'],
  },
})
