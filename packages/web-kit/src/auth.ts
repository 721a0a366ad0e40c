import { computed, ref, shallowRef } from 'vue'
import { defineStore } from 'pinia'
import type { admin } from '@mosaic/schemas'
import { allows, type PermissionRequirement } from '@mosaic/permissions/vue'
import type { Principal } from '@mosaic/permissions'
import { api, refreshSession, setAuthBridge } from './http'

const AUTH = '/api/admin/auth'

export function principalOf(user: admin.Me | null): Principal | null {
  if (!user) return null
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    deptId: user.deptId,
    roles: user.roles,
    permissions: user.permissions,
    dataScope: user.dataScope,
    kind: 'staff',
  }
}

/**
 * The page's one session. The access token lives in memory only (never storage, so an
 * XSS cannot lift a long-lived credential); a reload restores it through the httpOnly
 * refresh cookie.
 */
export const useAuthStore = defineStore('mosaic-auth', () => {
  const accessToken = ref<string | null>(null)
  const user = shallowRef<admin.Me | null>(null)
  const principal = computed(() => principalOf(user.value))
  const isAuthenticated = computed(() => !!accessToken.value && !!user.value)

  function accept(res: admin.TokenResponse) {
    accessToken.value = res.accessToken
    user.value = res.user
  }

  function clear() {
    accessToken.value = null
    user.value = null
  }

  async function refresh(): Promise<boolean> {
    try {
      accept(await api.post<admin.TokenResponse>(`${AUTH}/refresh`))
      return true
    } catch {
      // Any failure (expired cookie, reused token, network) ends the session the same way.
      clear()
      return false
    }
  }

  setAuthBridge({ getToken: () => accessToken.value, refresh })

  async function login(username: string, password: string): Promise<admin.Me> {
    const res = await api.post<admin.TokenResponse>(`${AUTH}/login`, { username, password })
    accept(res)
    return res.user
  }

  async function logout(): Promise<void> {
    try {
      await api.post(`${AUTH}/logout`)
    } catch {
      // Leaving must work even when the server is unreachable; the cookie expires anyway.
    } finally {
      clear()
    }
  }

  /** Called on page load: turns the refresh cookie (if any) back into a session. */
  async function restoreSession(): Promise<boolean> {
    if (isAuthenticated.value) return true
    return refreshSession()
  }

  async function reloadUser(): Promise<admin.Me> {
    user.value = await api.get<admin.Me>(`${AUTH}/me`)
    return user.value
  }

  async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
    await api.post(`${AUTH}/password`, { currentPassword, newPassword })
  }

  function can(code: PermissionRequirement): boolean {
    return allows(principal.value, code)
  }

  return {
    accessToken,
    user,
    principal,
    isAuthenticated,
    login,
    logout,
    restoreSession,
    reloadUser,
    changePassword,
    can,
    clear,
  }
})
