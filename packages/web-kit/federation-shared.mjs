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

/** `shared` option for `federation({...})`, identical in host and remotes. */
export function mosaicShared() {
  return Object.fromEntries(
    SINGLETONS.map((name) => [
      name,
      {
        singleton: true,
        requiredVersion: '*',
        ...(name.startsWith('@mosaic/') ? { import: workspaceSource(name) } : {}),
      },
    ]),
  )
}

export const MOSAIC_SHARED_PACKAGES = SINGLETONS
