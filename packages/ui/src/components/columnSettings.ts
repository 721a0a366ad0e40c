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
 * their own; the user is read reactively, so a list shown before the session is restored switches
 * to the user's layout once it is. (Hidden columns saved before per-user keys, under
 * `mosaic.list.<listKey>`, still count.)
 */
export function useListPrefs(
  listKey: string | undefined,
  userId: () => string | null | undefined,
  defaults: () => string[],
): { hidden: Ref<string[]>; widths: Ref<Record<string, number>> } {
  const keys = () => (listKey ? listPrefsKeys(listKey, userId()) : null)
  const readAll = (k: ReturnType<typeof keys>) => ({
    hidden: (k && (readHidden(k.hidden) ?? readHidden(PREFIX + listKey))) || defaults(),
    widths: k ? readWidths(k.widths) : {},
  })
  const initial = readAll(keys())
  const hidden = ref<string[]>(initial.hidden)
  const widths = ref<Record<string, number>>(initial.widths)
  if (listKey) {
    let current = keys()!
    watch(
      () => keys()!.hidden,
      () => {
        current = keys()!
        const next = readAll(current)
        hidden.value = next.hidden
        widths.value = next.widths
      },
    )
    watch(hidden, (value) => writeJson(current.hidden, value), { deep: true })
    watch(widths, (value) => writeJson(current.widths, value), { deep: true })
  }
  return { hidden, widths }
}
