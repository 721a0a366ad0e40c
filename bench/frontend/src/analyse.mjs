// Turns a recorded journey into the bench's figures and checks them against the budgets.
import fs from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import { SHELL, REMOTES } from '@mosaic/runner'

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url))

export const BUDGETS = {
  /** JS of the login page, gzip. */
  loginGzBytes: 300 * 1024,
  /** Each remote's remoteEntry.js, gzip. */
  remoteEntryGzBytes: 15 * 1024,
  /** Every shared library at most once over the whole journey. */
  downloadsPerLibrary: 1,
  lighthouseDesktop: 95,
  lighthouseMobile: 80,
}

/** The federation singletons (packages/web-kit/federation-shared.mjs) and the module paths they own. */
export const LIBRARIES = {
  vue: /^(vue|@vue\/[^/]+)\//,
  'vue-router': /^vue-router\//,
  pinia: /^pinia\//,
  'vue-i18n': /^(vue-i18n|@intlify\/[^/]+)\//,
  'element-plus': /^element-plus\//,
  '@element-plus/icons-vue': /^@element-plus\/icons-vue\//,
  '@mosaic/web-kit': /^packages\/web-kit\//,
  '@mosaic/ui': /^packages\/ui\//,
  '@mosaic/permissions': /^packages\/permissions\//,
  '@mosaic/dictionary': /^packages\/dictionary\//,
  '@mosaic/schemas': /^packages\/schemas\//,
}

/** Which app's dist a URL path is served from: the shell at `/`, remotes at `/remotes/<name>/`. */
export function appFiles(repoRoot = REPO_ROOT) {
  return [
    ...REMOTES.map((r) => ({
      name: r.name,
      prefix: `/remotes/${r.name}/`,
      dist: path.join(repoRoot, r.dir, 'dist'),
    })),
    { name: SHELL.name, prefix: '/', dist: path.join(repoRoot, SHELL.dir, 'dist') },
  ]
}

function loadChunkMaps(apps) {
  const maps = {}
  for (const app of apps) {
    const file = path.join(app.dist, '.vite/chunk-modules.json')
    maps[app.name] = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null
  }
  return maps
}

function chunkOf(urlPath, apps) {
  const app = apps.find((a) => urlPath.startsWith(a.prefix))
  return app ? { app: app.name, file: urlPath.slice(app.prefix.length) } : null
}

/**
 * How many times each shared library was downloaded: for every module of the library, the
 * number of downloaded chunks (across shell and remotes) carrying it; the library's figure is
 * the worst module. Splitting a library over several chunks is fine; carrying one module twice is not.
 */
export function libraryDownloads(scripts, repoRoot = REPO_ROOT) {
  const apps = appFiles(repoRoot)
  const maps = loadChunkMaps(apps)
  const perModule = new Map()
  const seen = new Set()
  for (const s of scripts) {
    if (seen.has(s.path)) continue
    seen.add(s.path)
    const c = chunkOf(s.path, apps)
    const modules = c && maps[c.app]?.[c.file]
    if (!modules) continue
    for (const m of modules) perModule.set(m, (perModule.get(m) ?? 0) + 1)
  }
  const result = {}
  for (const [lib, re] of Object.entries(LIBRARIES)) {
    let worst = 0
    let duplicated = 0
    for (const [m, n] of perModule) {
      if (!re.test(m)) continue
      worst = Math.max(worst, n)
      if (n > 1) duplicated += 1
    }
    result[lib] = { downloads: worst, duplicatedModules: duplicated }
  }
  return { libraries: result, mapped: Object.values(maps).every(Boolean) }
}

/** Per library: how many of its modules the login page downloads (0 = not on the login page). */
export function loginLibraryModules(scripts, repoRoot = REPO_ROOT) {
  const apps = appFiles(repoRoot)
  const maps = loadChunkMaps(apps)
  const modules = new Set()
  for (const s of scripts.filter((x) => x.stage === 'login')) {
    const c = chunkOf(s.path, apps)
    for (const m of (c && maps[c.app]?.[c.file]) ?? []) modules.add(m)
  }
  return Object.fromEntries(
    Object.entries(LIBRARIES).map(([lib, re]) => [lib, [...modules].filter((m) => re.test(m)).length]),
  )
}

export function stageTotals(scripts) {
  const totals = {}
  let cumulative = { count: 0, raw: 0, gz: 0, transferred: 0 }
  for (const stage of ['login', 'home', 'sales']) {
    const own = scripts.filter((s) => s.stage === stage)
    const sum = (k) => own.reduce((a, s) => a + s[k], 0)
    const stageTotal = { count: own.length, raw: sum('raw'), gz: sum('gz'), transferred: sum('transferred') }
    cumulative = {
      count: cumulative.count + stageTotal.count,
      raw: cumulative.raw + stageTotal.raw,
      gz: cumulative.gz + stageTotal.gz,
      transferred: cumulative.transferred + stageTotal.transferred,
    }
    totals[stage] = { ...stageTotal, cumulative }
  }
  return totals
}

/** gzip size of every remote's built remoteEntry.js. */
export function remoteEntrySizes(repoRoot = REPO_ROOT) {
  const out = {}
  for (const r of REMOTES) {
    const file = path.join(repoRoot, r.dir, 'dist/remoteEntry.js')
    if (!fs.existsSync(file)) continue
    const body = fs.readFileSync(file)
    out[r.name] = { raw: body.length, gz: gzipSync(body, { level: 9 }).length }
  }
  return out
}

/** Every budget except Lighthouse (load-sensitive): a list of what is over, empty when all hold. */
export function overBudget({ totals, libraries, remoteEntries }) {
  const over = []
  if (totals.login.gz > BUDGETS.loginGzBytes)
    over.push(`login JS ${kb(totals.login.gz)} gz > ${kb(BUDGETS.loginGzBytes)}`)
  for (const [name, e] of Object.entries(remoteEntries))
    if (e.gz > BUDGETS.remoteEntryGzBytes)
      over.push(`remoteEntry ${name} ${kb(e.gz)} gz > ${kb(BUDGETS.remoteEntryGzBytes)}`)
  for (const [lib, d] of Object.entries(libraries))
    if (d.downloads > BUDGETS.downloadsPerLibrary) over.push(`${lib} downloaded ${d.downloads}×`)
  return over
}

export const kb = (n) => `${(n / 1024).toFixed(1)} KB`
