// Build-time plugins every front end (shell and remotes) adds to its vite.config.
// Plain .mjs for the same reason as federation-shared.mjs: Node loads vite configs directly.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib'

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

const COMPRESSIBLE = /\.(?:js|mjs|css|html|json|svg|txt|map)$/

/**
 * Writes a `.gz` and a `.br` twin next to every text file of the build, so the static
 * servers (tools/runner, nginx `gzip_static` + a `.br` rewrite) send them precompressed, at
 * the best level, without compressing per request. Every file gets both twins (even tiny
 * ones): nginx has no brotli module here and rewrites to `.br` without checking it exists.
 */
export function precompressPlugin() {
  let outDir = 'dist'
  return {
    name: 'mosaic-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir)
    },
    closeBundle() {
      const walk = (dir) =>
        fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
          const p = path.join(dir, e.name)
          return e.isDirectory() ? walk(p) : [p]
        })
      if (!fs.existsSync(outDir)) return
      for (const file of walk(outDir)) {
        if (!COMPRESSIBLE.test(file)) continue
        const body = fs.readFileSync(file)
        const gz = gzipSync(body, { level: 9 })
        const br = brotliCompressSync(body, {
          params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length },
        })
        fs.writeFileSync(`${file}.gz`, gz)
        fs.writeFileSync(`${file}.br`, br)
      }
    },
  }
}

/**
 * The host's own imports of these packages bypass the federation proxy (resolved straight to
 * the module the host's share provider serves). @module-federation/vite loads every share the
 * host imports through the proxy before the host's code starts — on the login page — whereas
 * a share only provided is fetched when first asked for: by a remote, or by the shell's lazy
 * signed-in chunks. Same modules, same chunk as the provider: still one copy on the page.
 * Must come before `federation()` in `plugins`.
 *
 * @param {Record<string, string>} targets bare specifier → what the host imports instead
 *   (a subpath of the same package that is not a share key, or an absolute file)
 * @param {{ importerUnder: string }} opts only importers under this directory (the repo: the
 *   shell and the workspace packages it compiles) are redirected, never node_modules
 */
export function lazyHostShares(targets, { importerUnder }) {
  const root = path.resolve(importerUnder) + path.sep
  const keys = Object.keys(targets)
  return {
    name: 'mosaic-lazy-host-shares',
    enforce: 'pre',
    apply: 'build',
    async resolveId(source, importer) {
      if (!importer || !(source in targets)) return null
      const file = importer.split('?')[0]
      if (!file.startsWith(root) || file.includes(`${path.sep}node_modules${path.sep}`)) return null
      const target = targets[source]
      if (path.isAbsolute(target)) return target
      return this.resolve(target, importer, { skipSelf: true })
    },
    transform(code, id) {
      if (!id.includes('localSharedImportMap')) return null
      return unseedShares(code, keys)
    },
  }
}

/**
 * The federation plugin may still mark a redirected share as used (whether it does depends on
 * the order its resolver meets the package's files), and the host then loads every used share
 * at start-up. Provided-only is what these shares are: their entries in the host's share map
 * are never seeded at start-up, whatever the plugin decided.
 *
 * @param {string} code the generated `localSharedImportMap` module
 * @param {string[]} keys share keys to leave unseeded
 */
export function unseedShares(code, keys) {
  let out = code
  for (const key of keys) {
    const literal = JSON.stringify(key).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
    const entry = new RegExp(
      `(${literal}:\\s*\\{\\s*name:\\s*${literal},[^{}]*?materialize:\\s*)true\\b`,
      'g',
    )
    out = out.replace(entry, '$1false')
  }
  return out === code ? null : { code: out, map: null }
}

/** The build plugins shared by every Mosaic front end. */
export function mosaicBuildPlugins() {
  return [chunkModulesPlugin(), precompressPlugin()]
}
