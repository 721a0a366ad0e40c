import { computed, ref, shallowRef } from 'vue'
import { defineStore } from 'pinia'
import type { admin } from '@mosaic/schemas'
import { allows, type PermissionRequirement } from '@mosaic/permissions/vue'
import type { Principal } from '@mosaic/permissions'
import { adminRoutes } from '@mosaic/schemas/contracts'
import { contractCaller } from './contract-client'
import { ApiError, api, refreshSession, setAuthBridge } from './http'

const call = contractCaller(api)

/**
 * Waits before each new try when a refresh could not be answered (429, 5xx, network): the
 * session is probably fine, so it is kept and tried again rather than ending in the login page.
 */
export const REFRESH_RETRY_DELAYS_MS = [500, 1500, 4000]
let retryDelays: readonly number[] = REFRESH_RETRY_DELAYS_MS
/** Tests shorten the waits. */
export function setRefreshRetryDelays(delays: readonly number[]): void {
  retryDelays = delays
}

/** Only the refresh endpoint's 401 (or another 4xx: a request it will never accept) ends the session. */
function sessionIsGone(error: unknown): boolean {
  return error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 429
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

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

  /**
   * Renews the access token. A 401 (expired, revoked or reused cookie; account gone) signs out;
   * a 429, a 5xx or a network error keeps the session and tries again a little later, and if it
   * still cannot get through, answers false without clearing anything (the next call tries again).
   */
  async function refresh(): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      try {
        accept(await call(adminRoutes.refresh))
        return true
      } catch (error) {
        if (sessionIsGone(error)) {
          clear()
          return false
        }
        const delay = retryDelays[attempt]
        if (delay === undefined) return false
        await sleep(delay)
      }
    }
  }

  setAuthBridge({ getToken: () => accessToken.value, refresh })

  async function login(username: string, password: string): Promise<admin.Me> {
    const res = await call(adminRoutes.login, { body: { username, password } })
    accept(res)
    return res.user
  }

  async function logout(): Promise<void> {
    try {
      await call(adminRoutes.logout)
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
    user.value = await call(adminRoutes.me)
    return user.value
  }

  async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
    await call(adminRoutes.changePassword, { body: { currentPassword, newPassword } })
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
