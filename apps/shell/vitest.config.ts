import { defineConfig } from 'vitest/config'
import { defineRemoteTestConfig } from '@mosaic/web-kit/remote-config'

// The remotes' test preset fits the shell too: no federation plugin, the federation loader is
// mocked at web-kit's boundary, and mounting the whole shell cold gets the same long timeout.
export default defineConfig(defineRemoteTestConfig())
