import { defineConfig } from 'vitest/config'
import { defineRemoteTestConfig } from '@mosaic/web-kit/remote-config'

export default defineConfig(defineRemoteTestConfig({ fakeApi: true }))
