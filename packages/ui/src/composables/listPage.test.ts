import { afterEach, describe, expect, it, vi } from 'vitest'
import { ElMessage } from 'element-plus'
import type { BulkResult } from '../types'

vi.mock('../i18n', () => ({
  useUiText: () => ({ t: (key: string, args?: object) => `${key}${args ? JSON.stringify(args) : ''}` }),
}))
const { useBulkResult, useSelectableList } = await import('./listPage')

afterEach(() => vi.restoreAllMocks())

const result = (succeeded: number, failed: number): BulkResult =>
  ({ succeeded, failed, results: [] }) as unknown as BulkResult

describe('useBulkResult', () => {
  it('only toasts when every record went through', () => {
    const toast = vi.spyOn(ElMessage, 'success').mockImplementation(() => ({ close: () => {} }) as never)
    const { bulk, showBulk } = useBulkResult()
    showBulk('Assign', result(3, 0))
    expect(toast).toHaveBeenCalledWith('ui.bulk.summary{"ok":3,"failed":0}')
    expect(bulk.open).toBe(false)
  })

  it('opens the per-record dialog when some failed', () => {
    const { bulk, showBulk } = useBulkResult()
    const r = result(1, 2)
    showBulk('Delete', r)
    expect(bulk).toEqual({ open: true, title: 'Delete', result: r })
  })
})

describe('useSelectableList', () => {
  it('drops the checks before refreshing the rows', () => {
    const calls: string[] = []
    const { list, refreshCleared } = useSelectableList<{ id: string }>()
    list.value = {
      reload: async () => {},
      refresh: async () => void calls.push('refresh'),
      clearSelection: () => void calls.push('clear'),
    }
    refreshCleared()
    expect(calls).toEqual(['clear', 'refresh'])
  })
})
