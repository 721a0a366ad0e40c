// The preset every remote's vite.config and vitest.config is: a remote is its routes, pages
// and messages (`src/routes.ts` default-exports its RemoteModule); the build, the federation
// container, the standalone page and its entry are the same for all of them and live here.
// Plain .mjs for the same reason as federation-shared.mjs: Node loads vite configs directly.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { federation } from '@module-federation/vite'
import { defaultClientConditions } from 'vite'
import { mosaicShared, workspaceConditions } from './federation-shared.mjs'
import { mosaicBuildPlugins } from './vite-build.mjs'

const API = () => process.env.MOSAIC_API ?? 'http://localhost:8080'

/** The standalone entry's two modules; `main` is only a dynamic import (see standaloneEntry). */
const MAIN = '/src/__mosaic_main.ts'
const BOOTSTRAP = '/src/__mosaic_bootstrap.ts'

/** The standalone page of a remote (its dev server, `vite preview`): one shape for all. */
export function remoteIndexHtml(title) {
  return `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <link rel="icon" href="data:," />
    <title>${title}</title>
  </head>
  <body>
    <div id="app"></div>
    <script type="module" src="${MAIN}"></script>
  </body>
</html>
`
}

/**
 * Serves what every remote had as identical files: `index.html`, `src/main.ts` and
 * `src/bootstrap.ts`. `main` only imports `bootstrap` dynamically: that is the async boundary
 * module federation needs (shared singletons are negotiated before any module importing vue
 * is evaluated). `bootstrap` mounts the module on its own page (`mountStandalone`).
 */
export function standaloneEntry({ title, home, routes = 'src/routes.ts' }) {
  let root = process.cwd()
  const ids = () => ({
    html: path.join(root, 'index.html'),
    main: path.join(root, MAIN),
    bootstrap: path.join(root, BOOTSTRAP),
  })
  const modules = () => ({
    [ids().html]: remoteIndexHtml(title),
    [ids().main]: `void import(${JSON.stringify(BOOTSTRAP)})\n`,
    [ids().bootstrap]: [
      `import 'element-plus/dist/index.css'`,
      `import '@mosaic/ui/theme.css'`,
      `import { mountStandalone } from '@mosaic/ui'`,
      `import remoteModule from ${JSON.stringify(path.join(root, routes))}`,
      `mountStandalone(remoteModule, { home: ${JSON.stringify(home)}, base: import.meta.env.BASE_URL })`,
    ].join('\n'),
  })
  return {
    name: 'mosaic-standalone-entry',
    enforce: 'pre',
    configResolved(config) {
      root = config.root
    },
    resolveId(id) {
      const clean = id.split('?')[0]
      if (clean === MAIN || clean === BOOTSTRAP) return path.join(root, clean)
      return clean in modules() ? clean : null
    },
    load(id) {
      return modules()[id.split('?')[0]] ?? null
    },
    configureServer(server) {
      // After Vite's own middlewares (base path stripped, SPA fallback to /index.html done).
      return () =>
        server.middlewares.use(async (req, res, next) => {
          const url = req.url?.split('?')[0] ?? ''
          if (url !== '/' && url !== '/index.html') return next()
          const html = await server.transformIndexHtml(req.originalUrl ?? '/', remoteIndexHtml(title))
          res.setHeader('Content-Type', 'text/html')
          res.end(html)
        })
    },
  }
}

/**
 * A dev or preview server on its fixed `port`, sending `paths` (the API, and for the shell the
 * remotes too) to the gateway at MOSAIC_API.
 *
 * @param {number} port
 * @param {string[]} [paths]
 */
export function serverOn(port, paths = ['/api']) {
  const proxy = Object.fromEntries(paths.map((p) => [p, { target: API() }]))
  return { host: 'localhost', port, strictPort: true, proxy }
}

/**
 * A remote's whole Vite config. `name` is its federation container and its path behind the
 * gateway (`/remotes/<name>/`, also in dev, so chunk URLs are the same everywhere); `port` its
 * dev and preview server; `home` the page `/` opens standalone; `title` the standalone page's.
 *
 * @param {{ name: string, port: number, home: string, title: string }} options
 */
export function defineRemoteConfig({ name, port, home, title }) {
  return ({ command }) => ({
    base: `/remotes/${name}/`,
    // Workspace packages are consumed as source (their `source` export condition), except in the
    // production build, where they are all shares the shell provides (see workspaceConditions).
    resolve: {
      conditions: [...workspaceConditions({ role: 'remote', command }), ...defaultClientConditions],
    },
    plugins: [
      standaloneEntry({ title, home }),
      vue(),
      federation({
        name,
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
    server: serverOn(port),
    preview: serverOn(port),
  })
}

/**
 * A remote's Vitest config. No federation plugin: component tests exercise the pages with
 * web-kit's HTTP client mocked.
 */
/** `fakeApi`: every test's `api` is the fake `fakeHttp` of `@mosaic/web-kit/test-utils` (see fake-api-setup.ts). */
export function defineRemoteTestConfig({ fakeApi = false } = {}) {
  return {
    plugins: [vue()],
    resolve: { conditions: ['source', ...defaultClientConditions] },
    test: {
      environment: 'happy-dom',
      include: ['src/**/*.test.ts'],
      setupFiles: [
        fileURLToPath(new URL('./src/dom-teardown-setup.ts', import.meta.url)),
        ...(fakeApi ? [fileURLToPath(new URL('./src/fake-api-setup.ts', import.meta.url))] : []),
      ],
      css: false,
      // Mounting a whole page with Element Plus inlined takes seconds on a loaded 2-core CI machine;
      // a long form (the contract drawer's field groups) driven field by field took 30–100 s there
      // while other suites ran beside it. The limit only catches a test that hangs.
      testTimeout: 120_000,
      server: { deps: { inline: ['element-plus'] } },
    },
  }
}
