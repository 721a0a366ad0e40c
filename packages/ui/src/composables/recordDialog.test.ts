import { describe, expect, it } from 'vitest'
import { nextTick, ref } from 'vue'
import { useFormDrawer, useRecordDialog, useRecordForm } from './recordDialog'

type Row = { id: string; version: number; name: string }

describe('useRecordDialog', () => {
  it('opens on a record, or on none to create one', () => {
    const d = useRecordDialog<Row>()
    d.show({ id: 'a', version: 1, name: 'A' })
    expect([d.open, d.record?.id]).toEqual([true, 'a'])
    d.open = false
    d.show()
    expect([d.open, d.record]).toEqual([true, null])
    d.hide()
    expect(d.open).toBe(false)
  })
})

describe('useRecordForm', () => {
  it('fills from the record each time it opens, and reloads from the server after a conflict', async () => {
    const open = ref(false)
    const record = ref<Row | null>({ id: 'a', version: 3, name: 'A' })
    const f = useRecordForm(
      open,
      () => record.value,
      (r) => ({ name: r?.name ?? '' }),
      async (r) => ({ ...r, version: 4, name: 'A2' }),
    )
    open.value = true
    await nextTick()
    expect([f.form.name, f.version.value, f.isEdit.value]).toEqual(['A', 3, true])
    f.form.name = 'typed'
    await f.reload()
    expect([f.form.name, f.version.value]).toEqual(['A2', 4])

    open.value = false
    record.value = null
    await nextTick()
    open.value = true
    await nextTick()
    expect([f.form.name, f.version.value, f.isEdit.value]).toEqual(['', 0, false])
  })
})

describe('useFormDrawer', () => {
  it("binds the drawer's title by edit state, the form, a submit that saves then emits, and the reload", async () => {
    const open = ref(false)
    const record = ref<Row | null>(null)
    const emitted: string[] = []
    const f = useFormDrawer(open, {
      record: () => record.value,
      formOf: (r) => ({ name: r?.name ?? '' }),
      fetch: async (r) => ({ ...r, version: r.version + 1, name: 'fresh' }),
      title: (isEdit) => (isEdit ? 'Edit' : 'Create'),
      save: async (): Promise<string> => `saved ${f.form.name} v${f.version.value}`,
      saved: (s) => emitted.push(s),
    })
    open.value = true
    await nextTick()
    expect([f.drawer.value.title, f.drawer.value.model]).toEqual(['Create', { name: '' }])
    f.form.name = 'typed'
    expect(await f.drawer.value.submit()).toBe('saved typed v0')
    expect(emitted).toEqual(['saved typed v0'])

    open.value = false
    record.value = { id: 'a', version: 2, name: 'A' }
    open.value = true
    await nextTick()
    expect(f.drawer.value.title).toBe('Edit')
    await f.drawer.value.onReload?.()
    expect([f.form.name, f.version.value]).toEqual(['fresh', 3])
  })

  it('binds no reload when it has no way to re-read the record', () => {
    const f = useFormDrawer(ref(false), {
      record: () => null as Row | null,
      formOf: () => ({ name: '' }),
      title: () => 'Create',
      save: async () => 'saved',
      saved: () => {},
    })
    expect(f.drawer.value.onReload).toBeUndefined()
  })
})
