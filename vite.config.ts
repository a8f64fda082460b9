import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import { paymentSimulator } from './server/vitePlugin.js'

export default defineConfig({
  plugins: [vue(), { ...paymentSimulator(), apply: 'serve' }],
  build: {
    target: 'es2022',
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts', 'tests/server/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'component',
          environment: 'happy-dom',
          include: ['tests/component/**/*.test.ts'],
        },
      },
    ],
  },
})
