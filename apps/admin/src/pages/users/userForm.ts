import type { admin } from '@mosaic/schemas'

export interface UserForm {
  username: string
  displayName: string
  password: string
  email: string
  phone: string
  deptId: string | null
  roleIds: string[]
  enabled: boolean
}

export function emptyUserForm(): UserForm {
  return {
    username: '',
    displayName: '',
    password: '',
    email: '',
    phone: '',
    deptId: null,
    roleIds: [],
    enabled: true,
  }
}

export function userFormOf(u: admin.User): UserForm {
  return {
    username: u.username,
    displayName: u.displayName,
    password: '',
    email: u.email ?? '',
    phone: u.phone ?? '',
    deptId: u.deptId,
    roleIds: [...u.roleIds],
    enabled: u.enabled,
  }
}
