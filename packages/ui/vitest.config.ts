import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  plugins: [vue()],
  // 'source' makes workspace packages resolve to their TypeScript sources, so no build is needed first.
  resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
    // Mounting with Element Plus inlined takes seconds on a loaded 2-core CI machine.
    testTimeout: 30_000,
    // Element Plus ships ESM that must go through Vite's transform to resolve its CSS-free imports.
    server: { deps: { inline: ['element-plus'] } },
  },
})
