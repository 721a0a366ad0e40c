import type { DictEntry, DictType, FieldError } from './types.js'

export function findEntry(types: readonly DictType[], type: string, value: string): DictEntry | undefined {
  return types.find((t) => t.code === type)?.entries.find((e) => e.value === value)
}

/** 'zh-CN' (any 'zh*') reads the Chinese label; every other locale reads English. */
export function entryLabel(entry: Pick<DictEntry, 'label'>, locale: string): string {
  return locale.toLowerCase().startsWith('zh') ? entry.label.zh : entry.label.en
}

export interface DictionaryCheckerOptions {
  /** How long a loaded copy is trusted; admins' edits show up at most this late unless `invalidate()` is called. */
  ttlMs: number
  now?: () => number
}

export interface DictionaryChecker {
  isEnabledValue(type: string, value: string): Promise<boolean>
  assertValues(
    fields: ReadonlyArray<{ field: string; type: string; value: string | null | undefined }>,
  ): Promise<FieldError[]>
  invalidate(): void
}

type Index = Map<string, Map<string, DictEntry>>

function indexTypes(types: readonly DictType[]): Index {
  return new Map(types.map((t) => [t.code, new Map(t.entries.map((e) => [e.value, e]))]))
}

/**
 * Server-side membership check for dictionary-backed fields. Concurrent requests share
 * one load; a failed load is not cached, so the next request retries.
 */
export function createDictionaryChecker(
  load: () => Promise<DictType[]>,
  options: DictionaryCheckerOptions,
): DictionaryChecker {
  const now = options.now ?? Date.now
  let cached: { index: Index; at: number } | undefined
  let inflight: Promise<Index> | undefined
  let generation = 0

  function index(): Promise<Index> {
    if (cached && now() - cached.at < options.ttlMs) return Promise.resolve(cached.index)
    if (inflight) return inflight
    const gen = generation
    const p = load().then(indexTypes)
    inflight = p
    p.then(
      (idx) => {
        if (gen === generation) cached = { index: idx, at: now() }
      },
      () => {},
    ).finally(() => {
      if (inflight === p) inflight = undefined
    })
    return p
  }

  return {
    async isEnabledValue(type, value) {
      return (await index()).get(type)?.get(value)?.enabled === true
    },
    async assertValues(fields) {
      const present = fields.filter((f) => f.value !== null && f.value !== undefined)
      if (present.length === 0) return []
      const idx = await index()
      const errors: FieldError[] = []
      for (const { field, type, value } of present) {
        const entry = idx.get(type)?.get(value as string)
        if (!entry)
          errors.push({
            field,
            code: 'dict.unknown',
            params: { value: String(value), type },
            message: `"${value}" is not a value of dictionary ${type}`,
          })
        else if (!entry.enabled)
          errors.push({
            field,
            code: 'dict.disabled',
            params: { value: String(value), type },
            message: `"${value}" is disabled in dictionary ${type}`,
          })
      }
      return errors
    },
    invalidate() {
      // Bumping the generation stops a load started before the edit from refilling the cache with stale data.
      generation++
      cached = undefined
      inflight = undefined
    },
  }
}
