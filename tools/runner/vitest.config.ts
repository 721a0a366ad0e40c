import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // Tests start real servers and child processes on loopback ports.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
})
