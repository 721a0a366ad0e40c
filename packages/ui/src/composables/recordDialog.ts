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

/** What `useFormDrawer` needs besides `open`: the record form's three, the title and the save. */
export interface FormDrawerOptions<T, F, S> {
  record: () => T | null
  formOf: (record: T | null) => F
  fetch?: (record: T) => Promise<T>
  /** The drawer's title, by whether it edits a record or creates one. */
  title: (isEdit: boolean) => string
  /** Sends the form (a create or an update) and answers what the server saved. */
  save: () => Promise<S>
  /** The drawer's own `saved` event, given what `save` answered. */
  saved: (result: S) => void
}

/**
 * A create/edit form drawer's wiring, which every such drawer used to spell out: the record form
 * (`useRecordForm`) and the props its RecordDrawer takes, title by edit state, the form as model,
 * a submit that saves and then emits `saved`, and the reload after a 412. Bind them in one go,
 * `<RecordDrawer v-model="open" v-bind="drawer" :rules="rules">`, so a drawer states only its fields,
 * rules and request.
 */
export function useFormDrawer<T extends { version: number }, F extends object, S>(
  open: Ref<boolean>,
  o: FormDrawerOptions<T, F, S>,
) {
  const recordForm = useRecordForm(open, o.record, o.formOf, o.fetch)
  async function submit() {
    const result = await o.save()
    o.saved(result)
    return result
  }
  const drawer = computed(() => ({
    title: o.title(recordForm.isEdit.value),
    model: recordForm.form,
    submit,
    // Re-reading after a 412 needs `fetch`; without it the conflict alert's reload does nothing.
    onReload: o.fetch ? recordForm.reload : undefined,
  }))
  return { ...recordForm, drawer }
}
