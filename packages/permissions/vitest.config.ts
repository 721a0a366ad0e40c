import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'node', environment: 'node', include: ['src/**/*.test.ts'], exclude: ['src/vue/**'] },
      },
      { extends: true, test: { name: 'vue', environment: 'happy-dom', include: ['src/vue/**/*.test.ts'] } },
    ],
  },
})
