import { ref, watch, type Ref } from 'vue'

const PREFIX = 'mosaic.list.'

function read(key: string): string[] | null {
  try {
    const raw = globalThis.localStorage?.getItem(PREFIX + key)
    const parsed: unknown = raw ? JSON.parse(raw) : null
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : null
  } catch {
    return null
  }
}

/** Hidden column props per list, remembered across visits so each user keeps their own layout. */
export function useHiddenColumns(key: string | undefined, defaults: () => string[]): Ref<string[]> {
  const hidden = ref<string[]>((key && read(key)) || defaults())
  if (key) {
    watch(
      hidden,
      (value) => {
        try {
          globalThis.localStorage?.setItem(PREFIX + key, JSON.stringify(value))
        } catch {
          // Private mode or a full quota: the setting simply won't survive a reload.
        }
      },
      { deep: true },
    )
  }
  return hidden
}
