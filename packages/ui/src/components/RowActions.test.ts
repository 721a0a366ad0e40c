import { mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { nextTick, shallowRef } from 'vue'
import type { Principal } from '@mosaic/permissions'
import { installPermissions } from '@mosaic/permissions/vue'
import RowActions from './RowActions.vue'
import type { RowAction } from '../types'

const principal = (...permissions: string[]): Principal => ({
  userId: 'u1',
  username: 'admin',
  deptId: null,
  roles: [],
  dataScope: 'all',
  kind: 'staff',
  permissions,
})

function mountActions(actions: RowAction[], who = shallowRef<Principal | null>(principal())) {
  return mount(RowActions, {
    props: { actions },
    global: { plugins: [{ install: (app) => installPermissions(app, who) }] },
  })
}
const ids = (w: ReturnType<typeof mountActions>) =>
  w.findAll('button').map((b) => b.attributes('data-testid'))

describe('RowActions', () => {
  it('renders only visible actions the principal may perform, in order', () => {
    const w = mountActions(
      [
        { key: 'detail', label: 'Detail', testId: 'x-detail', onClick: () => {} },
        { key: 'edit', label: 'Edit', permission: 'x.update', testId: 'x-edit', onClick: () => {} },
        {
          key: 'reset',
          label: 'Reset',
          permission: ['x.reset', 'x.admin'],
          type: 'warning',
          testId: 'x-reset',
          onClick: () => {},
        },
        { key: 'delete', label: 'Delete', permission: 'x.delete', testId: 'x-delete', onClick: () => {} },
        { key: 'hidden', label: 'Hidden', visible: false, testId: 'x-hidden', onClick: () => {} },
        { key: 'off', label: 'Off', disabled: true, type: 'danger', testId: 'x-off', onClick: () => {} },
      ],
      shallowRef<Principal | null>(principal('x.update', 'x.admin')),
    )
    expect(ids(w)).toEqual(['x-detail', 'x-edit', 'x-reset', 'x-off'])
    expect(w.get('[data-testid="x-edit"]').text()).toBe('Edit')
    expect(w.get('[data-testid="x-edit"]').classes()).toEqual(
      expect.arrayContaining(['is-link', 'el-button--primary']),
    )
    expect(w.get('[data-testid="x-reset"]').classes()).toContain('el-button--warning')
    expect(w.get('[data-testid="x-off"]').classes()).toContain('el-button--danger')
    expect(w.get('[data-testid="x-off"]').attributes('disabled')).toBeDefined()
  })

  it('calls the action on click', async () => {
    const edit = vi.fn()
    const remove = vi.fn()
    const w = mountActions(
      [
        { key: 'edit', label: 'Edit', testId: 'x-edit', onClick: edit },
        { key: 'delete', label: 'Delete', testId: 'x-delete', onClick: remove },
      ],
      shallowRef<Principal | null>(principal()),
    )
    await w.get('[data-testid="x-edit"]').trigger('click')
    expect(edit).toHaveBeenCalledTimes(1)
    expect(remove).not.toHaveBeenCalled()
  })

  it('updates when the principal changes', async () => {
    const who = shallowRef<Principal | null>(null)
    const w = mountActions(
      [
        { key: 'detail', label: 'Detail', testId: 'x-detail', onClick: () => {} },
        { key: 'delete', label: 'Delete', permission: 'x.delete', testId: 'x-delete', onClick: () => {} },
      ],
      who,
    )
    expect(ids(w)).toEqual(['x-detail'])

    who.value = principal('x.delete')
    await nextTick()
    expect(ids(w)).toEqual(['x-detail', 'x-delete'])

    who.value = principal('x.read')
    await nextTick()
    expect(ids(w)).toEqual(['x-detail'])
  })
  it('moves actions past `inline` into a More menu, but never a menu of one', async () => {
    const onClick = vi.fn()
    const acts = (n: number): RowAction[] =>
      Array.from({ length: n }, (_, i) => ({ key: `a${i}`, label: `A${i}`, testId: `x-a${i}`, onClick }))
    const three = mount(RowActions, {
      props: { actions: acts(3), inline: 2 },
      global: { plugins: [{ install: (app) => installPermissions(app, shallowRef(principal())) }] },
    })
    expect(three.findAll('button').map((b) => b.attributes('data-testid'))).toEqual(['x-a0', 'x-a1', 'x-a2'])

    const four = mount(RowActions, {
      props: { actions: acts(4), inline: 2, moreTestId: 'x-more' },
      global: { plugins: [{ install: (app) => installPermissions(app, shallowRef(principal())) }] },
      attachTo: document.body,
    })
    expect(four.findAll('button').map((b) => b.attributes('data-testid'))).toEqual(['x-a0', 'x-a1', 'x-more'])
    await four.get('[data-testid="x-more"]').trigger('click')
    await nextTick()
    const item = document.querySelector<HTMLElement>('[data-testid="x-a3"]')
    expect(item).not.toBeNull()
    item!.click()
    expect(onClick).toHaveBeenCalledTimes(1)
    four.unmount()
  })

  it('wraps an action with a tooltip so it explains itself even when disabled', () => {
    const w = mountActions([
      { key: 'edit', label: 'Edit', disabled: true, tooltip: 'Locked', testId: 'x-edit', onClick: () => {} },
    ])
    const button = w.get('[data-testid="x-edit"]')
    expect(button.attributes('disabled')).toBeDefined()
    expect(button.element.parentElement?.classList.contains('mosaic-row-actions__wrap')).toBe(true)
  })
})
