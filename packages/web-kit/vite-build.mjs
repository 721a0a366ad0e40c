// Build-time plugins every front end (shell and remotes) adds to its vite.config.
// Plain .mjs for the same reason as federation-shared.mjs: Node loads vite configs directly.
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))

/**
 * Where a module comes from, stable across apps: `element-plus/es/components/button/index.mjs`
 * for a package (pnpm links every app to the same store copy), `packages/ui/src/x.ts` for a
 * workspace file, or null for virtual modules.
 */
export function moduleKey(id) {
  const clean = id.split('?')[0]
  if (clean.startsWith('\0') || !path.isAbsolute(clean)) return null
  const nm = clean.lastIndexOf('/node_modules/')
  if (nm >= 0) return clean.slice(nm + '/node_modules/'.length)
  const rel = path.relative(REPO_ROOT, clean).split(path.sep).join('/')
  return rel.startsWith('..') ? null : rel
}

/**
 * Writes `dist/.vite/chunk-modules.json`: for each emitted JS chunk, the modules it carries.
 * bench/frontend maps downloaded URLs to chunks with it, to count how often each shared
 * library is downloaded across the shell and the remotes.
 */
export function chunkModulesPlugin() {
  return {
    name: 'mosaic-chunk-modules',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = {}
      for (const [file, out] of Object.entries(bundle)) {
        if (out.type !== 'chunk') continue
        const keys = (out.moduleIds ?? Object.keys(out.modules ?? {})).map(moduleKey).filter(Boolean)
        chunks[file] = [...new Set(keys)].sort()
      }
      this.emitFile({
        type: 'asset',
        fileName: '.vite/chunk-modules.json',
        source: JSON.stringify(chunks),
      })
    },
  }
}

/** The build plugins shared by every Mosaic front end. */
export function mosaicBuildPlugins() {
  return [chunkModulesPlugin()]
}
