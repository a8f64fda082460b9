/**
 * End-to-end tests: a real Chromium against the built app behind the shipped nginx and Caddy
 * configs (tests/e2e/README.md). Files run one at a time: they share the build's front port.
 */
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['tests/e2e/harness/globalSetup.ts'],
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    teardownTimeout: 30_000,
  },
})
