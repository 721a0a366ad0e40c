import { defineConfig } from 'vitest/config'

export default defineConfig({
  // Workspace packages are consumed as source, exactly as the apps' Vite builds do
  // (`source` first, then Vite's default client conditions).
  resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
  },
})
