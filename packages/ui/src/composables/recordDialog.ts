import { computed, reactive, ref, shallowReactive, watch, type Ref } from 'vue'

/** A drawer or dialog that opens on a record, or on none (to create one). */
export interface RecordDialog<T> {
  open: boolean
  record: T | null
  show: (record?: T | null) => void
  /** Closes it (for a component handed the whole dialog, which may not assign to its prop). */
  hide: () => void
}

/**
 * What a page keeps for each of its drawers and dialogs: bind `v-model="x.open"` and
 * `:record="x.record"` (or hand over `x` whole), open it with `x.show(row)` (or `x.show()` to create).
 */
export function useRecordDialog<T>(): RecordDialog<T> {
  const state: RecordDialog<T> = shallowReactive({
    open: false,
    record: null as T | null,
    show(record: T | null = null) {
      state.record = record
      state.open = true
    },
    hide() {
      state.open = false
    },
  })
  return state
}

/**
 * The form of a drawer that edits `record()` or creates one: filled from the record each time the
 * drawer opens (`formOf(null)` for a new one), with the version an edit sends as If-Match.
 * `reload` (after a 412 conflict) fills it from `fetch`, which moves the version forward.
 */
export function useRecordForm<T extends { version: number }, F extends object>(
  open: Ref<boolean>,
  record: () => T | null,
  formOf: (record: T | null) => F,
  fetch?: (record: T) => Promise<T>,
) {
  const form = reactive(formOf(null)) as F
  const version = ref(0)
  const isEdit = computed(() => !!record())

  function fill(r: T | null) {
    Object.assign(form, formOf(r))
    version.value = r?.version ?? 0
  }
  watch(open, (o) => o && fill(record()))

  async function reload() {
    const r = record()
    if (r) fill(fetch ? await fetch(r) : r)
  }
  return { form, version, isEdit, fill, reload }
}
