import { afterEach, describe, expect, it, vi } from 'vitest'
import { ElMessage } from 'element-plus'

vi.mock('./useText', () => ({ useText: () => ({ errorText: (err: Error) => `failed: ${err.message}` }) }))
const { useRowAction } = await import('./rowAction')

afterEach(() => vi.restoreAllMocks())

describe('useRowAction', () => {
  it('says it is done, then refreshes', async () => {
    const calls: string[] = []
    vi.spyOn(ElMessage, 'success').mockImplementation(((m: string) => void calls.push(m)) as never)
    const act = useRowAction(() => void calls.push('refresh'))
    expect(await act(async () => calls.push('call'), 'Done')).toBe(true)
    expect(calls).toEqual(['call', 'Done', 'refresh'])
  })

  it('shows the error and does not refresh', async () => {
    const error = vi.spyOn(ElMessage, 'error').mockImplementation((() => {}) as never)
    const after = vi.fn()
    const act = useRowAction(after)
    expect(await act(() => Promise.reject(new Error('409')), 'Done')).toBe(false)
    expect(error).toHaveBeenCalledWith('failed: 409')
    expect(after).not.toHaveBeenCalled()
  })
})
