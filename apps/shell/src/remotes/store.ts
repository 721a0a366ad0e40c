import { shallowRef } from 'vue'
import { defineStore } from 'pinia'
import {
  addMessages,
  fetchRemotesConfig,
  loadRemoteModules,
  type I18nText,
  type LoadedRemote,
  type RemoteEntry,
  type RemoteModule,
} from '@mosaic/web-kit'

/** One remote as the shell knows it: where it lives and whether its route table loaded. */
export interface RemoteState {
  name: string
  entry: RemoteEntry
  basePath: string
  /** From the module when loaded, from remotes.json (or the shell's known names) otherwise. */
  title?: I18nText
  icon?: string
  status: 'ok' | 'unavailable'
  module?: RemoteModule
  error?: unknown
}

function toState(entry: RemoteEntry, loaded: LoadedRemote): RemoteState {
  const base = { name: entry.name, entry, basePath: entry.basePath ?? `/${entry.name}`, title: entry.title }
  if (loaded.status === 'unavailable') return { ...base, status: 'unavailable', error: loaded.error }
  const m = loaded.module
  addMessages(m.messages)
  return { ...base, basePath: m.basePath, title: m.title, icon: m.icon, status: 'ok', module: m }
}

export const useRemotesStore = defineStore('mosaic-shell-remotes', () => {
  const remotes = shallowRef<RemoteState[]>([])
  const loaded = shallowRef(false)
  let inflight: Promise<RemoteState[]> | null = null

  /** Loads every remote once per page; never rejects (a dead remote is a state, not an error). */
  function ensureLoaded(): Promise<RemoteState[]> {
    if (loaded.value) return Promise.resolve(remotes.value)
    inflight ??= (async () => {
      const entries = await fetchRemotesConfig()
      const results = await loadRemoteModules(entries)
      remotes.value = entries.map((e, i) => toState(e, results[i]))
      loaded.value = true
      return remotes.value
    })().finally(() => (inflight = null))
    return inflight
  }

  /** Re-fetches one remote (its entry and route table); answers the new state. */
  async function retry(name: string): Promise<RemoteState | undefined> {
    const current = remotes.value.find((r) => r.name === name)
    if (!current) return undefined
    const [result] = await loadRemoteModules([current.entry], { force: true })
    const next = toState(current.entry, result)
    remotes.value = remotes.value.map((r) => (r.name === name ? next : r))
    return next
  }

  function byName(name: string): RemoteState | undefined {
    return remotes.value.find((r) => r.name === name)
  }

  return { remotes, loaded, ensureLoaded, retry, byName }
})
