import { describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { ElRadioGroup, ElSelect } from 'element-plus'
import type { ImportBatch, ImportDryRun, ImportPreview, ImportUndo } from '@mosaic/schemas'
import ImportBatchesDialog from './ImportBatchesDialog.vue'
import ImportDialog from './ImportDialog.vue'
import type { ExchangeClient } from './exchange'
import { click, mountOpen, resetAfterEach, withPermissions } from '../test-utils'

resetAfterEach()

const ISO = '2026-12-05T08:00:00.000Z'
function batchOf(over: Partial<ImportBatch> = {}): ImportBatch {
  return {
    id: 'b0000000-0000-4000-8000-000000000001',
    resource: 'sales.customer',
    fileName: '客户.csv',
    status: 'uploaded',
    headers: ['名称', '级别', '备注'],
    mapping: { 名称: null, 级别: 'level', 备注: 'remark' },
    duplicates: 'skip',
    total: 10,
    processed: 0,
    created: 0,
    updated: 0,
    skipped: 0,
    errors: [],
    errorCount: 0,
    createdBy: { id: 'u1', name: '张三' },
    createdAt: ISO,
    finishedAt: null,
    undoneAt: null,
    undoneBy: null,
    ...over,
  }
}
const preview: ImportPreview = {
  batch: batchOf(),
  fields: [
    { key: 'name', label: '客户名称', kind: 'text', required: true, businessKey: true },
    {
      key: 'level',
      label: '客户级别',
      kind: 'dict',
      required: false,
      businessKey: false,
      dict: 'customer_level',
    },
    { key: 'remark', label: '备注', kind: 'text', required: false, businessKey: false },
  ],
  sample: [
    ['甲公司', 'A', ''],
    ['乙公司', 'B', '老客户'],
  ],
}
function dryRun(over: Partial<ImportDryRun>): ImportDryRun {
  return {
    batch: batchOf({ status: 'checked' }),
    create: 0,
    update: 0,
    skip: 0,
    errors: [],
    errorCount: 0,
    ...over,
  }
}

function fakeClient(): { [K in keyof ExchangeClient]: ReturnType<typeof vi.fn> } & ExchangeClient {
  return {
    exportFile: vi.fn(),
    template: vi.fn(),
    fields: vi.fn(),
    upload: vi.fn(),
    batches: vi.fn(),
    batch: vi.fn(),
    dryRun: vi.fn(),
    commit: vi.fn(),
    undo: vi.fn(),
  } as never
}

const q = (testid: string) => document.querySelector<HTMLElement>(`[data-testid="${testid}"]`)
const disabled = (testid: string) =>
  q(testid)!.hasAttribute('disabled') || q(testid)!.classList.contains('is-disabled')

async function pickFile(name: string, size = 20) {
  const input = q('import-file') as HTMLInputElement
  const file = new File(['x'.repeat(size)], name)
  Object.defineProperty(input, 'files', { value: [file], configurable: true })
  input.dispatchEvent(new Event('change'))
  await flushPromises()
  return file
}

describe('ImportDialog', () => {
  it('walks file → mapping → dry run → commit with progress → result', async () => {
    const client = fakeClient()
    client.upload.mockResolvedValue(preview)
    const wrapper = await mountOpen(ImportDialog, { client, name: '客户', pollInterval: 1 }, [])

    // The template in both formats, and a file of another type is refused before it is sent.
    expect(q('import-template-xlsx')).not.toBeNull()
    expect(q('import-template-csv')).not.toBeNull()
    await pickFile('客户.pdf')
    expect(client.upload).not.toHaveBeenCalled()
    const file = await pickFile('客户.csv')
    expect(client.upload).toHaveBeenCalledWith(file)

    // Mapping: the suggestion is preselected; the unmapped required field is flagged and blocks Next.
    expect(q('import-step-mapping')!.textContent).toContain('甲公司 / 乙公司')
    expect(q('import-missing-required')!.textContent).toContain('客户名称')
    expect(disabled('import-next')).toBe(true)
    const selects = wrapper.findAllComponents(ElSelect)
    expect(selects.map((s) => s.props('modelValue'))).toEqual([null, 'level', 'remark'])
    selects[0]!.vm.$emit('update:modelValue', 'name')
    await flushPromises()
    expect(q('import-missing-required')).toBeNull()
    // The same field from two columns is not allowed either.
    selects[2]!.vm.$emit('update:modelValue', 'name')
    await flushPromises()
    expect(q('import-mapped-twice')!.textContent).toContain('客户名称')
    selects[2]!.vm.$emit('update:modelValue', 'remark')
    await flushPromises()
    click('import-next')
    await flushPromises()

    // Dry run with a row error: rendered from its code in the user's language; commit stays closed.
    client.dryRun.mockResolvedValueOnce(
      dryRun({
        create: 8,
        errors: [
          {
            row: 3,
            column: '级别',
            field: 'level',
            code: 'paging.page_too_deep',
            params: { max: 99 },
            message: 'english',
          },
        ],
        errorCount: 1,
      }),
    )
    expect(disabled('import-commit')).toBe(true)
    click('import-dry-run')
    await flushPromises()
    const plan = { mapping: { 名称: 'name', 级别: 'level', 备注: 'remark' }, duplicates: 'skip' }
    expect(client.dryRun).toHaveBeenLastCalledWith(preview.batch.id, plan)
    expect(q('import-errors')!.textContent).toContain('级别')
    expect(q('import-error-message')!.textContent).toBe(
      '页码过深（超过 99 条），请改用“下一页”继续浏览或缩小筛选范围',
    )
    expect(disabled('import-commit')).toBe(true)

    // Updating duplicates changes the plan: the old answer is dropped, and a clean dry run opens commit.
    wrapper.findComponent(ElRadioGroup).vm.$emit('update:modelValue', 'update')
    await flushPromises()
    expect(q('import-errors')).toBeNull()
    client.dryRun.mockResolvedValueOnce(dryRun({ create: 8, update: 2 }))
    click('import-dry-run')
    await flushPromises()
    expect(q('import-counts')!.textContent).toContain('新建 8 条')
    expect(q('import-counts')!.textContent).toContain('更新 2 条')
    expect(disabled('import-commit')).toBe(false)

    // Commit answers 202 with the running batch; polling shows progress until it is committed.
    client.commit.mockResolvedValue(batchOf({ status: 'running', processed: 0 }))
    let release!: () => void
    client.batch.mockResolvedValueOnce(batchOf({ status: 'running', processed: 5 })).mockImplementationOnce(
      () =>
        new Promise((r) => {
          release = () => r(batchOf({ status: 'committed', processed: 10, created: 8, updated: 2 }))
        }),
    )
    click('import-commit')
    await vi.waitFor(() => expect(client.batch).toHaveBeenCalledTimes(2))
    expect(client.commit).toHaveBeenCalledWith(preview.batch.id, { ...plan, duplicates: 'update' })
    expect(q('import-progress-text')!.textContent).toContain('已处理 5/10 行')
    release()
    await vi.waitFor(() => expect(q('import-done')).not.toBeNull())
    expect(q('import-done')!.textContent).toContain('新建 8 条，更新 2 条，跳过 0 条')
    expect(wrapper.emitted('imported')).toHaveLength(1)
  })

  it('shows a failed import with its row errors', async () => {
    const client = fakeClient()
    client.upload.mockResolvedValue({
      ...preview,
      batch: batchOf({ mapping: { 名称: 'name', 级别: null, 备注: null } }),
    })
    client.dryRun.mockResolvedValue(dryRun({ create: 10 }))
    client.commit.mockResolvedValue(
      batchOf({
        status: 'failed',
        errors: [{ row: 2, column: null, field: null, code: 'no.such.code', message: 'Row 2 is broken' }],
        errorCount: 1,
      }),
    )
    await mountOpen(ImportDialog, { client, name: '客户', pollInterval: 1 }, [])
    await pickFile('c.xlsx')
    click('import-next')
    await flushPromises()
    click('import-dry-run')
    await flushPromises()
    click('import-commit')
    await flushPromises()
    expect(client.batch).not.toHaveBeenCalled()
    expect(q('import-failed')).not.toBeNull()
    // An unknown code falls back to the English text the service sent.
    expect(q('import-error-message')!.textContent).toBe('Row 2 is broken')
  })
})

describe('ImportBatchesDialog', () => {
  it('lists batches with creator and counts, and undoes one after confirmation, per record by name', async () => {
    const client = fakeClient()
    client.batches.mockResolvedValue([
      batchOf({ status: 'committed', created: 2, updated: 1, processed: 3, total: 3 }),
      batchOf({ id: 'b0000000-0000-4000-8000-000000000002', status: 'undone', fileName: 'old.csv' }),
    ])
    const undone: ImportUndo = {
      batch: batchOf({ status: 'undone' }),
      results: [
        { id: 'c1', ok: true, title: '甲公司' },
        { id: 'c2', ok: false, title: '乙公司', code: 'no.such.code', error: 'Changed since the import' },
      ],
      succeeded: 1,
      failed: 1,
    }
    client.undo.mockResolvedValue(undone)
    const wrapper = await mountOpen(
      ImportBatchesDialog,
      { client, name: '客户', undoPermission: 'sales.customer.import' },
      [withPermissions('sales.customer.import')],
    )
    const text = q('import-batches')!.textContent!
    expect(text).toContain('张三')
    expect(text).toContain('新建 2 / 更新 1 / 跳过 0')
    expect(text).toContain('已导入')
    expect(text).toContain('已撤销')
    // Only a committed batch can be undone.
    expect(q('import-undo-b0000000-0000-4000-8000-000000000002')).toBeNull()

    click('import-undo-b0000000-0000-4000-8000-000000000001')
    await flushPromises()
    await new Promise((r) => setTimeout(r, 20))
    expect(document.querySelector('.el-message-box')!.textContent).toContain('客户.csv')
    document.querySelector<HTMLElement>('.el-message-box__btns .el-button--primary')!.click()
    await vi.waitFor(() => expect(client.undo).toHaveBeenCalledWith('b0000000-0000-4000-8000-000000000001'))
    await flushPromises()
    const result = q('bulk-result')!.textContent!
    expect(result).toContain('甲公司')
    expect(result).toContain('乙公司')
    expect(result).toContain('Changed since the import')
    expect(wrapper.emitted('undone')).toHaveLength(1)
    expect(client.batches).toHaveBeenCalledTimes(2)
  })

  it('offers no undo without the import permission', async () => {
    const client = fakeClient()
    client.batches.mockResolvedValue([batchOf({ status: 'committed' })])
    await mountOpen(ImportBatchesDialog, { client, name: '客户', undoPermission: 'sales.customer.import' }, [
      withPermissions('sales.customer.read'),
    ])
    const undo = q('import-undo-b0000000-0000-4000-8000-000000000001')
    expect(!undo || undo.style.display === 'none').toBe(true)
  })
})
