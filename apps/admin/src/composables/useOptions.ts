import { onMounted, shallowRef } from 'vue'
import type { admin } from '@mosaic/schemas'
import { adminApi } from '../api'

export interface TreeOption {
  value: string
  label: string
  children?: TreeOption[]
}

export function toTreeOptions(nodes: admin.DeptNode[]): TreeOption[] {
  return nodes.map((n) => ({
    value: n.id,
    label: n.name,
    children: n.children.length ? toTreeOptions(n.children) : undefined,
  }))
}

/**
 * Department tree for selects. A user without admin.dept.read gets an empty tree rather
 * than an error: the select is a convenience, the list itself still works.
 */
export function useDeptOptions() {
  const tree = shallowRef<TreeOption[]>([])
  const reload = async () => {
    tree.value = await adminApi.deptTree().then(toTreeOptions, () => [])
  }
  onMounted(reload)
  return { tree, reload }
}

/** All roles for multi-selects; a deployment has dozens, not thousands, so one page suffices. */
export function useRoleOptions() {
  const roles = shallowRef<admin.Role[]>([])
  onMounted(async () => {
    roles.value = await adminApi.listRoles({ limit: 100 }).then(
      (p) => p?.items ?? [],
      () => [],
    )
  })
  /** A user's roles as the reader names them: built-in ones by code, custom ones as stored. */
  function roleLabels(u: Pick<admin.User, 'roleIds' | 'roleNames'>, name: (r: admin.Role) => string) {
    const byId = new Map(roles.value.map((r) => [r.id, r]))
    return u.roleIds.map((id, i) => {
      const role = byId.get(id)
      return role ? name(role) : (u.roleNames[i] ?? id)
    })
  }
  return { roles, roleLabels }
}
