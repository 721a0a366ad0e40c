import { defaultClientConditions } from 'vite'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

// No federation plugin: component tests exercise the pages with web-kit's HTTP client mocked.
export default defineConfig({
  plugins: [vue()],
  resolve: { conditions: ['source', ...defaultClientConditions] },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
    css: false,
    // Mounting a whole page with Element Plus inlined takes seconds on a loaded 2-core CI machine.
    testTimeout: 30_000,
    server: { deps: { inline: ['element-plus'] } },
  },
})
