// The checks every remote module passes, written once: a remote's routes.test.ts calls
// `describeRemoteModule` and keeps only what is its own (its route → permission table, its pages' quirks).
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { RouteRecordRaw } from 'vue-router'
import type { DashboardSource, RemoteModule } from '@mosaic/web-kit'
import { isPermissionCode } from '@mosaic/permissions'
import { recordType } from '../records'

type Tree = { [key: string]: string | Tree }

/** Every leaf key of a message tree, dotted (`finance.payment.title`). */
export const messageKeys = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : messageKeys(v, `${prefix}${k}.`),
  )

/** The shipped sources under `dir` (`.vue`, `.ts`), tests left out. */
export const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.(vue|ts)$/.test(name) && !name.endsWith('.test.ts') ? [path] : []
  })

/** The module's routes and their children: every record the shell's menu and router see. */
export const routeRecords = (routes: RouteRecordRaw[]): RouteRecordRaw[] =>
  routes.flatMap((r) => [r, ...routeRecords(r.children ?? [])])

export interface RemoteModuleSpec {
  /** The shell menu's title of the remote. */
  title: { zh: string; en: string }
  /** The Element Plus icon of its menu entry. */
  icon: string
  /** Where the literal message keys the screens use are read from, and how. */
  keys: {
    /** The remote's `src` directory. */
    sources: string
    /** Directories under `sources` whose keys are another module's (e.g. the portal's). */
    exclude?: string[]
    /**
     * `calls` reads `t('<name>.…')` and wants each key defined; `quoted` reads every quoted
     * `'<name>.…'` string and lets one name a subtree (a record type's option prefix).
     */
    read?: 'calls' | 'quoted'
    /** At least this many keys are found, so a broken scan cannot pass. */
    atLeast: number
  }
  /** The record types the remote registers for the history views, owned by `service`. */
  records?: { service: string; types: string[] }
  /** The services feeding the home page it declares, and the figure keys it names (`dashboard.<key>`). */
  dashboard?: { sources: DashboardSource[]; keys: string[] }
}

/**
 * The assertions every remote module shares: its menu entry and icons, its pages' names, titles,
 * permissions and lazy chunks, its messages in both languages, every key its screens use defined,
 * and its record types linking to its pages.
 */
export function describeRemoteModule(module: RemoteModule, spec: RemoteModuleSpec) {
  const prefix = module.name
  const records = routeRecords(module.routes)
  const tree = (locale: 'zh-CN' | 'en') =>
    (module.messages as Record<string, Tree> | undefined)?.[locale] ?? {}

  describe(`${prefix} remote module (shared checks)`, () => {
    it('describes itself for the shell menu, with messages in Chinese and English', () => {
      expect(module).toMatchObject({
        name: prefix,
        basePath: `/${prefix}`,
        title: spec.title,
        icon: spec.icon,
      })
      expect(Object.keys(module.messages ?? {})).toEqual(['zh-CN', 'en'])
    })

    it('has icons the shell can resolve, for itself and every page', async () => {
      const icons = (await import('@element-plus/icons-vue')) as Record<string, unknown>
      for (const icon of [module.icon, ...records.map((r) => r.meta?.icon)])
        expect(icons[String(icon)], String(icon)).toBeTruthy()
    })

    it('gives every page a unique prefixed name, titles in both languages, real permissions and a lazy chunk', () => {
      const names = records.map((r) => String(r.name))
      expect(new Set(names).size).toBe(names.length)
      for (const r of records) {
        expect(String(r.name)).toMatch(new RegExp(`^${prefix}-`))
        expect(r.meta?.title?.zh && r.meta.title.en, String(r.name)).toBeTruthy()
        const codes = [r.meta?.permission].flat()
        expect(codes.length, String(r.name)).toBeGreaterThan(0)
        for (const code of codes) expect(isPermissionCode(code), String(code)).toBe(true)
        // A section holds its pages; a page loads its own chunk.
        if (!r.children)
          expect(typeof (r as { component?: unknown }).component, String(r.name)).toBe('function')
      }
    })

    it('has the same message keys in Chinese and English', () => {
      expect(messageKeys(tree('en')).sort()).toEqual(messageKeys(tree('zh-CN')).sort())
    })

    it(`defines every literal ${prefix}.* key the screens translate`, () => {
      const { sources, exclude = [], read = 'calls', atLeast } = spec.keys
      const zh = messageKeys(tree('zh-CN'))
      const pattern =
        read === 'calls'
          ? new RegExp(`\\bt\\(\\s*'(${prefix}\\.[\\w.]+)'`, 'g')
          : new RegExp(`'(${prefix}\\.[\\w.]+)'`, 'g')
      const skipped = exclude.map((dir) => join(sources, dir))
      const used = new Set<string>()
      for (const file of sourceFiles(sources).filter((f) => !skipped.some((d) => f.startsWith(d))))
        for (const m of readFileSync(file, 'utf8').matchAll(pattern)) used.add(m[1]!)
      expect(used.size).toBeGreaterThan(atLeast)
      const known = (k: string) =>
        zh.includes(k) || (read === 'quoted' && zh.some((z) => z.startsWith(`${k}.`)))
      expect([...used].filter((k) => !known(k))).toEqual([])
    })

    if (spec.dashboard) {
      const { sources, keys } = spec.dashboard
      it('declares the services feeding the home page, and labels their figures in both languages', () => {
        expect(module.dashboard).toEqual(sources)
        for (const code of sources.flatMap((s) => s.anyOf ?? []))
          expect(isPermissionCode(code), code).toBe(true)
        const labelOf = (locale: 'zh-CN' | 'en', key: string) =>
          `dashboard.${key}`
            .split('.')
            .reduce<Tree | string | undefined>(
              (node, part) => (typeof node === 'object' ? node[part] : undefined),
              tree(locale),
            )
        for (const key of keys)
          for (const locale of ['zh-CN', 'en'] as const)
            expect(labelOf(locale, key), `${locale} dashboard.${key}`).toMatch(/\S/)
      })
    }

    if (spec.records) {
      const { service, types } = spec.records
      it('registers its record types for the history views, each linking to its page', () => {
        for (const type of types) {
          expect(recordType(type)?.service, type).toBe(service)
          expect(recordType(type)?.link?.('x'), type).toMatch(new RegExp(`^/${prefix}/[\\w/-]+\\?open=x$`))
        }
      })
    }
  })
}
