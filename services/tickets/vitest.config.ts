import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { conditions: ['source'] },
  test: { testTimeout: 30_000, hookTimeout: 90_000, fileParallelism: false },
})
