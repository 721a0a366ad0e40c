import { defaultClientConditions, defineConfig, type Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'
import { federation } from '@module-federation/vite'
import { mosaicShared } from '@mosaic/web-kit/federation-shared'
import { fileURLToPath } from 'node:url'
import { lazyHostShares, mosaicBuildPlugins } from '@mosaic/web-kit/vite-build'
import { serverOn } from '@mosaic/web-kit/remote-config'

/**
 * In `vite dev` the remotes normally come through the gateway like in production
 * (`/remotes/*` is proxied). `MOSAIC_REMOTES='admin=http://localhost:5101/remoteEntry.js'`
 * points a remote at its own dev server instead.
 */
function devRemotesJson(): Plugin {
  return {
    name: 'mosaic-dev-remotes-json',
    apply: 'serve',
    configureServer(server) {
      const spec = process.env.MOSAIC_REMOTES
      if (!spec) return
      const remotes = spec.split(',').map((pair) => {
        const [name, entry] = pair.split('=')
        return { name: name.trim(), entry: entry.trim() }
      })
      server.middlewares.use('/remotes.json', (_req, res) => {
        res.setHeader('Content-Type', 'application/json')
        res.end(JSON.stringify({ remotes }))
      })
    },
  }
}

export default defineConfig({
  // Workspace packages are consumed as source (their `source` export condition).
  resolve: { conditions: ['source', ...defaultClientConditions] },
  plugins: [
    vue(),
    // Provided to the remotes, loaded by the shell only after sign-in: not on the login page
    // (the shell's own imports of these are not proxied through the federation runtime).
    lazyHostShares(
      {
        'element-plus': 'element-plus/es/index.mjs',
        '@element-plus/icons-vue': '@element-plus/icons-vue/dist/index.js',
        '@mosaic/ui': fileURLToPath(new URL('../../packages/ui/src/index.ts', import.meta.url)),
        '@mosaic/dictionary/vue': fileURLToPath(
          new URL('../../packages/dictionary/src/vue/index.ts', import.meta.url),
        ),
      },
      { importerUnder: fileURLToPath(new URL('../..', import.meta.url)) },
    ),
    federation({
      name: 'shell',
      // No static remotes: they come from /remotes.json at runtime (registerRemotes), so a
      // remote can move or be redeployed without rebuilding the shell.
      remotes: {},
      filename: 'remoteEntry.js',
      shared: mosaicShared(),
      // The default 'version-first' fetches every remote at start-up: one dead remote would blank the page.
      shareStrategy: 'loaded-first',
      runtimePlugins: ['@mosaic/web-kit/fallback-plugin'],
      dts: false,
    }),
    ...mosaicBuildPlugins(),
    devRemotesJson(),
  ],
  build: { target: 'esnext' },
  // Like a remote's servers, plus /remotes/ through the gateway (see devRemotesJson for a remote's own).
  server: serverOn(5100, ['/api', '/remotes/']),
  preview: serverOn(5100, ['/api', '/remotes/']),
})
