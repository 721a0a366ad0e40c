import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // The proof builds two packages and starts two services: minutes on a loaded two-core machine.
    testTimeout: 30_000,
    hookTimeout: 600_000,
  },
})
