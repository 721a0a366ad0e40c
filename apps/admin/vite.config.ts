import { defaultClientConditions, defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import { federation } from '@module-federation/vite'
import { mosaicShared, workspaceConditions } from '@mosaic/web-kit/federation-shared'
import { mosaicBuildPlugins } from '@mosaic/web-kit/vite-build'

const API = process.env.MOSAIC_API ?? 'http://localhost:8080'

export default defineConfig(({ command }) => ({
  // Served behind the gateway at /remotes/admin/ (also in dev, so chunk URLs are the same everywhere).
  base: '/remotes/admin/',
  // Workspace packages are consumed as source (their `source` export condition), except in the
  // production build, where they are all shares the shell provides (see workspaceConditions).
  resolve: { conditions: [...workspaceConditions({ role: 'remote', command }), ...defaultClientConditions] },
  plugins: [
    vue(),
    federation({
      name: 'admin',
      filename: 'remoteEntry.js',
      exposes: { './routes': './src/routes.ts' },
      // Same list as the shell: anything shared on one side only would load twice and split state.
      // Built, the remote only consumes them (the shell provides each once); its dev server keeps copies.
      shared: mosaicShared({ role: 'remote', command }),
      dts: false,
    }),
    ...mosaicBuildPlugins(),
  ],
  build: { target: 'esnext' },
  server: {
    host: 'localhost',
    port: 5101,
    strictPort: true,
    proxy: { '/api': { target: API } },
  },
  preview: {
    host: 'localhost',
    port: 5101,
    strictPort: true,
    proxy: { '/api': { target: API } },
  },
}))
