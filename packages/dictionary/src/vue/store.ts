import { computed, readonly, ref, shallowRef, toValue, type MaybeRefOrGetter, type Ref } from 'vue'
import { entryLabel } from '../check.js'
import type { DictEntry, DictType } from '../types.js'

export interface DictionariesConfig {
  load: () => Promise<DictType[]>
  locale: Ref<string>
}

export const DICTIONARIES_CHANGED_EVENT = 'mosaic:dictionaries-changed'

interface State {
  config: DictionariesConfig | undefined
  types: Ref<ReadonlyMap<string, DictType>>
  loading: Ref<boolean>
  error: Ref<unknown>
  loaded: boolean
  inflight: Promise<void> | undefined
  generation: number
  listening: boolean
}

// Kept on globalThis so that a remote bundling its own copy of this module still shares
// the shell's cache and configuration (Vue itself is a federation singleton).
const STATE_KEY = Symbol.for('mosaic.dictionary.state')
const state: State =
  ((globalThis as Record<symbol, unknown>)[STATE_KEY] as State | undefined) ??
  (((globalThis as Record<symbol, unknown>)[STATE_KEY] = {
    config: undefined,
    types: shallowRef(new Map()),
    loading: ref(false),
    error: shallowRef(null),
    loaded: false,
    inflight: undefined,
    generation: 0,
    listening: false,
  } satisfies State) as State)

/** Called once by the host app; calling again (e.g. in tests) starts from an empty cache. */
export function configureDictionaries(config: DictionariesConfig): void {
  state.config = config
  state.types.value = new Map()
  state.loaded = false
  state.loading.value = false
  state.inflight = undefined
  state.generation++
  if (!state.listening && typeof window !== 'undefined') {
    state.listening = true
    window.addEventListener(DICTIONARIES_CHANGED_EVENT, () => void refreshDictionaries().catch(() => {}))
  }
}

function fetchAll(): Promise<void> {
  const config = state.config
  if (!config) return Promise.reject(new Error('configureDictionaries() has not been called'))
  const gen = ++state.generation
  state.loading.value = true
  // Only the newest load may write, so a slow stale response never overwrites a refresh.
  const p = config
    .load()
    .then(
      (list) => {
        if (gen !== state.generation) return
        state.types.value = new Map(list.map((t) => [t.code, t]))
        state.loaded = true
        state.error.value = null
      },
      (err: unknown) => {
        if (gen === state.generation) state.error.value = err
        throw err
      },
    )
    .finally(() => {
      if (gen !== state.generation) return
      state.loading.value = false
      state.inflight = undefined
    })
  state.inflight = p
  return p
}

function ensureLoaded(): Promise<void> {
  if (state.loaded) return Promise.resolve()
  return state.inflight ?? fetchAll()
}

/** Reloads every type; all `useDict` users update. */
export function refreshDictionaries(): Promise<void> {
  return fetchAll()
}

/** The admin app calls this after saving a dictionary edit. */
export function notifyDictionariesChanged(): void {
  window.dispatchEvent(new Event(DICTIONARIES_CHANGED_EVENT))
}

export function dictLocale(): string {
  return state.config?.locale.value ?? 'zh-CN'
}

const bySort = (a: DictEntry, b: DictEntry) => a.sort - b.sort || a.value.localeCompare(b.value)

export function useDict(typeCode: MaybeRefOrGetter<string>) {
  void ensureLoaded().catch(() => {})
  const type = computed(() => state.types.value.get(toValue(typeCode)))
  const all = computed(() => [...(type.value?.entries ?? [])].sort(bySort))
  const entries = computed(() => all.value.filter((e) => e.enabled))
  const byValue = computed(() => new Map(all.value.map((e) => [e.value, e])))

  const entry = (value: string | null | undefined) => (value == null ? undefined : byValue.value.get(value))
  return {
    type,
    all,
    entries,
    entry,
    /** Falls back to the raw value so an unknown or deleted entry still shows something. */
    label: (value: string | null | undefined): string => {
      const e = entry(value)
      return e ? entryLabel(e, dictLocale()) : (value ?? '')
    },
    color: (value: string | null | undefined): string | null => entry(value)?.color ?? null,
    loading: readonly(state.loading),
    error: readonly(state.error),
  }
}

/**
 * Labels of any type's entries, for views that meet many types at once (audit diffs, version
 * history). Reactive like `useDict`; an unknown entry or type shows the raw value.
 */
export function useDictLabels(): (typeCode: string, value: string | null | undefined) => string {
  void ensureLoaded().catch(() => {})
  return (typeCode, value) => {
    if (value == null) return ''
    const entry = state.types.value.get(typeCode)?.entries.find((e) => e.value === value)
    return entry ? entryLabel(entry, dictLocale()) : value
  }
}
