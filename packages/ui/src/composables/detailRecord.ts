import { computed, ref, watch, type Ref } from 'vue'

/**
 * The record a detail drawer shows, copied from the opener's row each time it opens and kept
 * locally, so a version restore or a new follow-up shows at once without the list reloading.
 * `path` is the record's URL (its history's base); `refresh` re-reads it and tells the opener
 * its row changed.
 */
export function useDetailRecord<T extends { id: string }>(
  open: Ref<boolean>,
  source: () => T | null,
  pathOf: (id: string) => string,
  fetch: (id: string) => Promise<T>,
  onChanged: () => void,
) {
  const current = ref(null) as Ref<T | null>
  watch(open, (o) => {
    if (o) current.value = source()
  })
  const path = computed(() => (current.value ? pathOf(current.value.id) : ''))
  async function refresh() {
    if (current.value) current.value = await fetch(current.value.id)
    onChanged()
  }
  return { current, path, refresh }
}
