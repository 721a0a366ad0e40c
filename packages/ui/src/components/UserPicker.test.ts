import { afterEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { ElOption, ElSelect } from 'element-plus'
import UserPicker from './UserPicker.vue'
import type { PickerUser } from '../types'

enableAutoUnmount(afterEach)

const ann: PickerUser = { id: 'u1', displayName: 'Ann', username: 'ann' }
const bob: PickerUser = { id: 'u2', displayName: 'Bob', username: 'bob' }
const labels = (w: ReturnType<typeof mount>) => w.findAllComponents(ElOption).map((o) => o.props('label'))

describe('UserPicker', () => {
  it('searches through the given function, leaving out excluded users', async () => {
    const search = vi.fn().mockResolvedValue([ann, bob])
    const w = mount(UserPicker, {
      props: { search, exclude: ['u2'], modelValue: null },
      attachTo: document.body,
    })
    await (w.vm as unknown as { search: (q: string) => Promise<void> }).search('a')
    await flushPromises()
    expect(search).toHaveBeenCalledWith('a')
    expect(labels(w)).toEqual(['Ann (ann)'])
  })

  it('labels a preset value and keeps a picked user named after the next search', async () => {
    const search = vi.fn().mockResolvedValueOnce([ann, bob]).mockResolvedValueOnce([])
    const w = mount(UserPicker, {
      props: { search, modelValue: 'u9', initialLabel: 'Old owner' },
      attachTo: document.body,
    })
    await flushPromises()
    expect(labels(w)).toEqual(['Old owner'])

    const picker = w.vm as unknown as { search: (q: string) => Promise<void> }
    await picker.search('')
    w.findComponent(ElSelect).vm.$emit('change', 'u2')
    await w.setProps({ modelValue: 'u2' })
    expect(w.emitted('picked')?.[0]).toEqual([bob])

    await picker.search('zzz')
    await flushPromises()
    expect(labels(w)).toEqual(['Bob (bob)'])
  })
})
