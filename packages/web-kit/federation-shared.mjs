// The one list of federation singletons, imported by the shell's and every remote's
// vite.config so host and remotes can never disagree (a package shared by a remote but
// not by the host would load twice and split its state: two routers, two pinias…).
// Plain .mjs because Node loads vite configs without a TypeScript step for packages.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const SINGLETONS = [
  'vue',
  'vue-router',
  'pinia',
  'vue-i18n',
  'element-plus',
  '@element-plus/icons-vue',
  '@mosaic/web-kit',
  '@mosaic/ui',
  '@mosaic/permissions',
  '@mosaic/permissions/vue',
  '@mosaic/dictionary',
  '@mosaic/dictionary/vue',
  '@mosaic/schemas',
  '@mosaic/schemas/problems',
]

/**
 * Stateless data packages a remote keeps a (lazy, normally unused) fallback for:
 * @module-federation/vite 1.23 misses names re-exported through `export *` / `export * as`
 * when a share is `import: false` (MISSING_EXPORT at build time).
 */
const KEEP_FALLBACK = new Set(['@mosaic/permissions', '@mosaic/schemas', '@mosaic/schemas/problems'])

/**
 * The federation plugin resolves shares with its own conditions (browser/import/default),
 * which for our packages means `dist/` — unbuilt in dev, and a second copy next to the
 * `source` the rest of the app compiles. Point workspace shares at their source entry.
 */
function workspaceSource(name) {
  const [, folder, ...sub] = name.split('/')
  const dir = new URL(`../${folder}/`, import.meta.url)
  const pkg = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8'))
  const spec = pkg.exports?.[sub.length ? `./${sub.join('/')}` : '.']
  const target = typeof spec === 'string' ? spec : (spec?.source ?? spec?.default)
  if (!target) throw new Error(`${name}: no source export to share`)
  return fileURLToPath(new URL(target, dir))
}

/**
 * `shared` option for `federation({...})`: the same list in host and remotes.
 *
 * The shell provides every singleton; a remote's production build only consumes them
 * (`import: false`): it bundles no fallback copy, so each library is downloaded once, from
 * the shell. A remote's dev server (`vite`, `command: 'serve'`) keeps its own copies so it
 * still runs standalone for its team.
 *
 * @param {{ role?: 'host' | 'remote', command?: 'build' | 'serve' }} [opts]
 */
export function mosaicShared({ role = 'host', command = 'build' } = {}) {
  return Object.fromEntries(
    SINGLETONS.map((name) => [
      name,
      {
        singleton: true,
        requiredVersion: '*',
        ...(role === 'remote' && command === 'build' && !KEEP_FALLBACK.has(name)
          ? { import: false }
          : name.startsWith('@mosaic/')
            ? { import: workspaceSource(name) }
            : {}),
      },
    ]),
  )
}

export const MOSAIC_SHARED_PACKAGES = SINGLETONS
