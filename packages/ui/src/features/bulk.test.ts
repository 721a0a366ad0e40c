import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { BULK_IDS_MAX } from '@mosaic/schemas'
import BulkBar from './BulkBar.vue'
import { inChunks } from './bulk'
import { click, problemError, resetAfterEach, withPermissions } from '../test-utils'
import type { BulkResult } from '../types'

resetAfterEach()

const okFor = (ids: string[]): BulkResult => ({
  results: ids.map((id) => ({ id, ok: true, title: `客户${id}` })),
  succeeded: ids.length,
  failed: 0,
})
const q = (testid: string) => document.querySelector<HTMLElement>(`[data-testid="${testid}"]`)

describe('inChunks', () => {
  it('sends 450 ids as 200 + 200 + 50, reports progress and merges the results', async () => {
    const ids = Array.from({ length: 450 }, (_, i) => `r${i}`)
    const send = vi.fn(async (chunk: string[]) => okFor(chunk))
    const progress: number[] = []
    const merged = await inChunks(ids, send, { onProgress: (done) => progress.push(done) })
    expect(BULK_IDS_MAX).toBe(200)
    expect(send.mock.calls.map(([chunk]) => chunk.length)).toEqual([200, 200, 50])
    expect(send.mock.calls[1]![0][0]).toBe('r200')
    expect(progress).toEqual([0, 200, 400, 450])
    expect(merged.succeeded).toBe(450)
    expect(merged.results.map((r) => r.id)).toEqual(ids)
  })

  it('counts a chunk refused as a whole as failed records, by name, and goes on', async () => {
    const send = vi
      .fn()
      .mockRejectedValueOnce(
        problemError({ status: 400, code: 'paging.page_too_deep', params: { max: 5 }, detail: 'too deep' }),
      )
      .mockImplementation(async (chunk: string[]) => okFor(chunk))
    const merged = await inChunks(['a', 'b', 'c'], send, { size: 2, titleOf: (id) => `名${id}` })
    expect(merged).toMatchObject({ succeeded: 1, failed: 2 })
    expect(merged.results[0]).toMatchObject({
      id: 'a',
      ok: false,
      title: '名a',
      code: 'paging.page_too_deep',
    })
    expect(merged.results[2]).toMatchObject({ id: 'c', ok: true })
  })
})

describe('BulkBar', () => {
  const rows = Array.from({ length: 450 }, (_, i) => ({ id: `r${i}`, name: `客户${i}` }))

  it('bulk-edits 450 rows in 3 requests with progress, then shows the merged results by name', async () => {
    const gates: (() => void)[] = []
    const edit = vi.fn(
      (body: { ids: string[]; changes: Record<string, unknown> }) =>
        new Promise<BulkResult>((resolve) => {
          const answer = okFor(body.ids)
          // The service answers without a title for the last record: the row's name is shown.
          if (body.ids.includes('r449')) {
            const last = answer.results.at(-1)!
            Object.assign(last, { ok: false, title: null, error: 'Refused' })
            answer.succeeded--
            answer.failed++
          }
          gates.push(() => resolve(answer))
        }),
    )
    const wrapper = mount(BulkBar<{ id: string; name: string }>, {
      props: {
        rows,
        bulk: {
          client: { edit, remove: vi.fn() },
          fields: [{ key: 'remark', label: '备注', kind: 'text' }],
          editPermission: 'sales.customer.update',
          deletePermission: 'sales.customer.delete',
        },
      },
      global: { plugins: [withPermissions('sales.customer.update')] },
      attachTo: document.body,
    })
    expect(q('bulk-count')!.textContent).toBe('已选 450 项')
    // No delete without its permission.
    expect(q('bulk-delete')!.style.display).toBe('none')

    click('bulk-edit')
    await flushPromises()
    const input = document.querySelector<HTMLInputElement>('[data-testid="bulk-edit-value-remark"] input')!
    input.value = '重点'
    input.dispatchEvent(new Event('input'))
    await flushPromises()
    click('bulk-edit-submit')
    await flushPromises()

    expect(edit).toHaveBeenCalledTimes(1)
    expect(edit.mock.calls[0]![0]).toMatchObject({ changes: { remark: '重点' } })
    expect(q('bulk-progress')!.textContent).toContain('正在处理 0/450')
    gates.shift()!()
    await flushPromises()
    expect(q('bulk-progress')!.textContent).toContain('正在处理 200/450')
    gates.shift()!()
    await flushPromises()
    gates.shift()!()
    await flushPromises()

    expect(edit.mock.calls.map(([b]) => b.ids.length)).toEqual([200, 200, 50])
    expect(wrapper.emitted('done')).toHaveLength(1)
    const result = q('bulk-result')!.textContent!
    expect(result).toContain('成功 449 条，失败 1 条')
    expect(result).toContain('客户449')
    expect(result).not.toContain('r449')
  }, 90_000) // 450 result rows take a while to render on a loaded machine

  it('bulk-deletes after confirmation', async () => {
    const remove = vi.fn(async (body: { ids: string[] }) => okFor(body.ids))
    mount(BulkBar<{ id: string; name: string }>, {
      props: {
        rows: rows.slice(0, 3),
        bulk: { client: { remove }, deletePermission: 'sales.customer.delete' },
      },
      global: { plugins: [withPermissions('sales.customer.delete')] },
      attachTo: document.body,
    })
    // No fields, no bulk edit.
    expect(q('bulk-edit')).toBeNull()
    click('bulk-delete')
    await flushPromises()
    await new Promise((r) => setTimeout(r, 20))
    expect(document.querySelector('.el-message-box')!.textContent).toContain('3 条记录')
    document.querySelector<HTMLElement>('.el-message-box__btns .el-button--primary')!.click()
    await vi.waitFor(() => expect(remove).toHaveBeenCalledWith({ ids: ['r0', 'r1', 'r2'] }))
  })
})
