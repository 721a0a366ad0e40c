import { afterEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import type { PermissionCode } from '@mosaic/permissions'
import { setLocale } from '@mosaic/web-kit'
import { testI18n } from '../../test-support'
import PermissionTree from './PermissionTree.vue'

enableAutoUnmount(afterEach)
afterEach(() => setLocale('zh-CN'))

const nodeText = (wrapper: ReturnType<typeof mount>, key: string) =>
  wrapper.get(`[data-testid="perm-${key}"]`).text()
/** Resources start collapsed; Element Plus renders a node's children only once it is expanded. */
async function expand(wrapper: ReturnType<typeof mount>, key: string) {
  await wrapper.get(`[data-key="${key}"] > .el-tree-node__content`).trigger('click')
  await flushPromises()
}

describe('PermissionTree', () => {
  it('labels services, resources and actions in the current locale', async () => {
    const wrapper = mount(PermissionTree, {
      props: { modelValue: [] },
      global: { plugins: [testI18n('zh-CN')] },
    })
    await expand(wrapper, 'admin.user')
    expect(nodeText(wrapper, 'admin')).toBe('系统管理')
    expect(nodeText(wrapper, 'admin.user')).toBe('用户')
    expect(nodeText(wrapper, 'admin.user.read')).toBe('查看')

    setLocale('en')
    await flushPromises()
    expect(nodeText(wrapper, 'admin')).toBe('Administration')
    expect(nodeText(wrapper, 'admin.user')).toBe('Users')
    expect(nodeText(wrapper, 'admin.user.read')).toBe('View')
  })

  it('ticks the codes it is given and reports only leaf codes when a resource is ticked', async () => {
    const wrapper = mount(PermissionTree, {
      props: {
        modelValue: ['admin.user.read'] as PermissionCode[],
        'onUpdate:modelValue': (v: PermissionCode[]) => wrapper.setProps({ modelValue: v }),
      },
      global: { plugins: [testI18n()] },
    })
    await expand(wrapper, 'admin.user')
    await expand(wrapper, 'admin.role')
    const checkbox = (key: string) =>
      wrapper
        .get(`[data-testid="perm-${key}"]`)
        .element.closest('.el-tree-node__content')!
        .querySelector('.el-checkbox')!
    expect(checkbox('admin.user.read').classList.contains('is-checked')).toBe(true)
    expect(checkbox('admin.user.create').classList.contains('is-checked')).toBe(false)

    const roleBox = checkbox('admin.role').querySelector('input') as HTMLInputElement
    roleBox.checked = true
    roleBox.dispatchEvent(new Event('change'))
    await flushPromises()
    const emitted = wrapper.emitted<string[][]>('update:modelValue')?.at(-1)?.[0] ?? []
    expect(emitted).toEqual(
      expect.arrayContaining([
        'admin.user.read',
        'admin.role.read',
        'admin.role.create',
        'admin.role.update',
        'admin.role.delete',
      ]),
    )
    expect(emitted).not.toContain('admin.role')
    expect(emitted).not.toContain('admin')
  })
})
