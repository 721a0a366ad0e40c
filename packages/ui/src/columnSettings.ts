import { ref, watch, type Ref } from 'vue'

const PREFIX = 'mosaic.list.'

function readJson(key: string): unknown {
  try {
    const raw = globalThis.localStorage?.getItem(key)
    return raw ? JSON.parse(raw) : null
  } catch {
    return null
  }
}

function writeJson(key: string, value: unknown) {
  try {
    globalThis.localStorage?.setItem(key, JSON.stringify(value))
  } catch {
    // Private mode or a full quota: the setting simply won't survive a reload.
  }
}

function readHidden(key: string): string[] | null {
  const parsed = readJson(key)
  return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : null
}

function readWidths(key: string): Record<string, number> {
  const parsed = readJson(key)
  const out: Record<string, number> = {}
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
    for (const [prop, width] of Object.entries(parsed)) {
      if (typeof width === 'number' && Number.isFinite(width) && width > 0) out[prop] = Math.round(width)
    }
  }
  return out
}

/** localStorage keys of one user's settings for one list. */
export function listPrefsKeys(listKey: string, userId: string | null | undefined) {
  const base = `${PREFIX}${userId ?? 'anonymous'}.${listKey}`
  return { hidden: `${base}.hidden`, widths: `${base}.widths` }
}

/**
 * A user's layout of one list, remembered across visits: the hidden column props and the widths
 * the user dragged columns to. Keyed by user id and list key so people sharing a browser keep
 * their own. (Hidden columns saved before per-user keys, under `mosaic.list.<listKey>`, still count.)
 */
export function useListPrefs(
  listKey: string | undefined,
  userId: string | null | undefined,
  defaults: () => string[],
): { hidden: Ref<string[]>; widths: Ref<Record<string, number>> } {
  const keys = listKey ? listPrefsKeys(listKey, userId) : null
  const hidden = ref<string[]>(
    (keys && (readHidden(keys.hidden) ?? readHidden(PREFIX + listKey))) || defaults(),
  )
  const widths = ref<Record<string, number>>(keys ? readWidths(keys.widths) : {})
  if (keys) {
    watch(hidden, (value) => writeJson(keys.hidden, value), { deep: true })
    watch(widths, (value) => writeJson(keys.widths, value), { deep: true })
  }
  return { hidden, widths }
}
