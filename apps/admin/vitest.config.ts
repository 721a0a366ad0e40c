import { defineConfig, mergeConfig } from 'vitest/config'
import { defineRemoteTestConfig } from '@mosaic/web-kit/remote-config'

export default defineConfig(
  mergeConfig(defineRemoteTestConfig(), { test: { setupFiles: ['src/test-setup.ts'] } }),
)
