import { defaultClientConditions } from 'vite'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

// No federation plugin here: component tests exercise the shell's own logic with the
// federation loader mocked at web-kit's boundary.
export default defineConfig({
  plugins: [vue()],
  resolve: { conditions: ['source', ...defaultClientConditions] },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
    css: false,
    // The first test of a file mounts the whole shell: its cold import alone took over 5 s on a busy CI machine.
    testTimeout: 30_000,
    server: { deps: { inline: ['element-plus'] } },
  },
})
