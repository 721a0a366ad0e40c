import type { RouteRecordRaw } from 'vue-router'
import { getInstance, init, loadRemote, registerPlugins, registerRemotes } from '@module-federation/runtime'
import mosaicFallbackPlugin, { isUnavailableModule } from './fallback-plugin'
import type { LocaleMessages } from './i18n'

export interface I18nText {
  zh: string
  en: string
}

/** What every remote's `./routes` expose default-exports. */
export interface RemoteModule {
  name: string
  title: I18nText
  /** Element Plus icon component name, e.g. 'Setting'. */
  icon?: string
  basePath: string
  /** Children mounted under basePath inside the shell layout. */
  routes: RouteRecordRaw[]
  /**
   * Top-level routes with absolute paths (e.g. `/portal/...`), mounted by the shell outside the staff
   * layout and reachable without a staff session: a remote's own sign-in and layout (the customer portal).
   * Each is marked `meta.public`; the remote guards them with its own session.
   */
  publicRoutes?: RouteRecordRaw[]
  messages?: LocaleMessages
  /**
   * Services whose `GET /api/<service>/dashboard` feed the shell's home page (SPEC §6): the shell draws
   * their KPI cards, to-do lines, trends, funnel and team table; a figure's label is this remote's
   * message `dashboard.<key>`. A remote that is down blanks only its own cards.
   */
  dashboard?: DashboardSource[]
}

/** One service feeding the home dashboard, and who sees its cards. */
export interface DashboardSource {
  service: string
  /** Shown only to callers holding one of these codes (the service leaves out figures they cannot read). */
  anyOf?: string[]
}

/** One line of `/remotes.json`. `title`/`basePath` are optional hints used while the remote is down. */
export interface RemoteEntry {
  name: string
  entry: string
  title?: I18nText
  basePath?: string
}

export type LoadedRemote =
  | { name: string; status: 'ok'; module: RemoteModule }
  | { name: string; status: 'unavailable'; error: unknown }

export interface LoadOptions {
  /** A remote whose server accepts but never answers must not hold the shell hostage. */
  timeoutMs?: number
  /** Bypasses cached entries (a retry after failure). */
  force?: boolean
}

function isEntry(v: unknown): v is RemoteEntry {
  const e = v as RemoteEntry
  return !!e && typeof e.name === 'string' && /^[a-z][\w-]*$/i.test(e.name) && typeof e.entry === 'string'
}

/** Reads the runtime remote list; a missing or broken file means "no modules", not a broken shell. */
export async function fetchRemotesConfig(url = '/remotes.json'): Promise<RemoteEntry[]> {
  try {
    const res = await fetch(url, { cache: 'no-cache', headers: { Accept: 'application/json' } })
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`)
    const body = (await res.json()) as { remotes?: unknown } | unknown[]
    const list = Array.isArray(body) ? body : (body as { remotes?: unknown }).remotes
    return Array.isArray(list) ? list.filter(isEntry) : []
  } catch (err) {
    console.error('[mosaic] cannot read remotes config', err)
    return []
  }
}

function ensureRuntime() {
  // The host's federation plugin normally initialises the runtime before our code runs;
  // this covers a page built without it (tests, a remote running standalone).
  if (getInstance()) return
  init({ name: 'shell', remotes: [] })
  registerPlugins([mosaicFallbackPlugin()])
}

const attempts = new Map<string, number>()

function entryUrl(entry: RemoteEntry, force: boolean): string {
  if (!force) return entry.entry
  // Browsers remember a failed module fetch per URL; a fresh query makes a retry real.
  const n = (attempts.get(entry.name) ?? 0) + 1
  attempts.set(entry.name, n)
  return `${entry.entry}${entry.entry.includes('?') ? '&' : '?'}retry=${n}`
}

function withTimeout<T>(promise: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`remote "${name}" did not load within ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

function asRemoteModule(loaded: unknown): RemoteModule {
  if (isUnavailableModule(loaded)) throw loaded.error ?? new Error(`remote ${loaded.id} unavailable`)
  const mod = ((loaded as { default?: unknown })?.default ?? loaded) as RemoteModule
  if (!mod || typeof mod.basePath !== 'string' || !Array.isArray(mod.routes) || !mod.title) {
    throw new Error('remote ./routes does not export a RemoteModule')
  }
  return mod
}

async function loadOne(entry: RemoteEntry, timeoutMs: number): Promise<LoadedRemote> {
  try {
    const loaded = await withTimeout(loadRemote<unknown>(`${entry.name}/routes`), timeoutMs, entry.name)
    return { name: entry.name, status: 'ok', module: asRemoteModule(loaded) }
  } catch (error) {
    return { name: entry.name, status: 'unavailable', error }
  }
}

/**
 * Registers the remotes and loads every `./routes` independently (allSettled semantics):
 * one dead remote yields `status: 'unavailable'` and never rejects the whole batch.
 */
export async function loadRemoteModules(
  entries: RemoteEntry[],
  options: LoadOptions = {},
): Promise<LoadedRemote[]> {
  const { timeoutMs = 15_000, force = false } = options
  try {
    ensureRuntime()
    registerRemotes(
      entries.map((e) => ({ name: e.name, entry: entryUrl(e, force), type: 'module' })),
      { force },
    )
  } catch (error) {
    return entries.map((e) => ({ name: e.name, status: 'unavailable', error }))
  }
  const settled = await Promise.allSettled(entries.map((e) => loadOne(e, timeoutMs)))
  return settled.map((r, i) =>
    r.status === 'fulfilled' ? r.value : { name: entries[i].name, status: 'unavailable', error: r.reason },
  )
}

/** What the shell reads from each remote route's `meta` (menu, permission, titles). */
declare module 'vue-router' {
  interface RouteMeta {
    title?: I18nText
    /** One code, or any-of a list; checked on every matched record. */
    permission?: string | string[]
    /** Element Plus icon component name. */
    icon?: string
    /** `false` keeps a route (detail pages, editors) out of the menu. */
    menu?: boolean
    /** Reachable without a session (login). */
    public?: boolean
  }
}
