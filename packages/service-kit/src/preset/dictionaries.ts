import type { Logger } from 'pino'
import {
  createDictionaryChecker,
  defaultDictTypes,
  findEntry,
  type DictEntry,
  type DictType,
} from '@mosaic/dictionary'
import { validationFailed } from '../errors.js'
import type { ServiceClient } from '../events/client.js'

export type DictionaryLoader = () => Promise<DictType[]>

/** One dictionary-backed input: form field path, dictionary type, submitted value. */
export interface DictField {
  field: string
  type: string
  value: string | null | undefined
}

export interface Dictionaries {
  /** Every field that is not an enabled entry of its dictionary → one 400 listing them all. */
  assert(fields: readonly DictField[]): Promise<void>
  entry(type: string, value: string): Promise<DictEntry | undefined>
  entries(type: string): Promise<DictEntry[]>
  invalidate(): void
}

/** The built-in catalog: what admin starts with, and the fallback while admin cannot be reached. */
export const builtInDictionaries: DictionaryLoader = async () => defaultDictTypes()

/**
 * The live dictionaries from the admin service (custom entries, disabled ones). While admin is
 * unreachable the built-in catalog stands in, so a service keeps accepting the standard values.
 */
export function adminDictionaries(client: ServiceClient, logger: Logger): DictionaryLoader {
  return async () => {
    try {
      const { types } = await client.internalFetch<{ types: DictType[] }>('admin', '/dictionaries')
      return types
    } catch (error) {
      logger.warn({ err: error }, 'admin dictionaries unavailable; checking against the built-in catalog')
      return defaultDictTypes()
    }
  }
}

/**
 * Membership checks and entry lookups (a stage's default probability) over one cached copy of the
 * dictionaries; an admin's edit shows up within `ttlMs`.
 */
export function createDictionaries(load: DictionaryLoader, ttlMs = 60_000): Dictionaries {
  let cached: { at: number; types: DictType[] } | undefined
  let inflight: Promise<DictType[]> | undefined
  const types = async () => {
    if (cached && Date.now() - cached.at < ttlMs) return cached.types
    inflight ??= load()
      .then((t) => ((cached = { at: Date.now(), types: t }), t))
      .finally(() => (inflight = undefined))
    return inflight
  }
  // The checker's own cache is off: it reads through ours, so both views are the same copy.
  const checker = createDictionaryChecker(types, { ttlMs: 0 })
  return {
    async assert(fields) {
      const errors = await checker.assertValues(fields)
      if (errors.length) throw validationFailed(errors)
    },
    entry: async (type, value) => findEntry(await types(), type, value),
    entries: async (type) => (await types()).find((t) => t.code === type)?.entries ?? [],
    invalidate() {
      cached = undefined
    },
  }
}
