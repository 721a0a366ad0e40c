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
  // Holds the record-type registry: one copy, or the audit page reads an empty registry.
  '@mosaic/ui/records',
  '@mosaic/permissions',
  '@mosaic/permissions/vue',
  '@mosaic/dictionary',
  '@mosaic/dictionary/vue',
  '@mosaic/schemas',
  '@mosaic/schemas/problems',
  '@mosaic/schemas/patterns',
  '@mosaic/schemas/contracts',
  // Money arithmetic: the one decimal library, loaded once for every remote.
  '@mosaic/money',
  // Document number formatting (the admin screen's live preview prints what the services issue).
  '@mosaic/numbering',
]

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
 * With `import: false` the federation plugin lists a package's exports from its built entry
 * (`dist/`: it cannot follow `export * from './x.js'` into `.ts` sources), so a remote's build
 * needs the workspace packages built first — turbo's `^build` does that.
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
        ...(role === 'remote' && command === 'build'
          ? { import: false }
          : name.startsWith('@mosaic/')
            ? { import: workspaceSource(name) }
            : {}),
      },
    ]),
  )
}

export const MOSAIC_SHARED_PACKAGES = SINGLETONS

/**
 * Extra `resolve.conditions` (before Vite's defaults) for an app's vite.config. Everywhere the
 * workspace packages are compiled from source (`source` condition) — except a remote's
 * production build, which compiles none of them (all are `import: false` shares) and where
 * the federation plugin must read their export lists from the built `dist/` entries.
 *
 * @param {{ role?: 'host' | 'remote', command?: 'build' | 'serve' }} [opts]
 */
export function workspaceConditions({ role = 'host', command = 'build' } = {}) {
  return role === 'remote' && command === 'build' ? [] : ['source']
}
