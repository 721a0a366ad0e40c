import { computed, ref, shallowRef } from 'vue'
import { defineStore } from 'pinia'
import type { tickets } from '@mosaic/schemas'
import { portalRoutes } from '@mosaic/schemas/contracts'
import { ApiError, contractCaller, createApiClient } from '@mosaic/web-kit'

/**
 * The portal's token lives in this tab's sessionStorage under its own key: a reload keeps the contact
 * signed in (the portal has no refresh cookie), closing the tab ends it, and the staff session (memory +
 * refresh cookie, web-kit's auth store) is never read or written by the portal, nor the portal's by it.
 */
export const PORTAL_TOKEN_KEY = 'mosaic-portal-token'

function storedToken(): string | null {
  try {
    return globalThis.sessionStorage?.getItem(PORTAL_TOKEN_KEY) ?? null
  } catch {
    return null
  }
}

function storeToken(token: string | null): void {
  try {
    if (token) globalThis.sessionStorage?.setItem(PORTAL_TOKEN_KEY, token)
    else globalThis.sessionStorage?.removeItem(PORTAL_TOKEN_KEY)
  } catch {
    // Private mode: the session then lasts as long as the page.
  }
}

/**
 * The portal's own transport: the portal token as the bearer, no staff refresh; a 401 on a signed call
 * means the portal session is over (expired, account disabled), which the layout turns into the login page.
 */
export const portalClient = createApiClient({
  token: () => usePortalSession().token,
  onUnauthorized: () => usePortalSession().end('expired'),
})

/** The portal's calls, through `portalRoutes` (no URL written here). */
export const portalCall = contractCaller(portalClient)
export { portalRoutes }

export const usePortalSession = defineStore('mosaic-portal-session', () => {
  const token = ref<string | null>(storedToken())
  const me = shallowRef<tickets.PortalMe | null>(null)
  /** Set when the service refused the token mid-session (not on a sign-out). */
  const expired = ref(false)
  const signedIn = computed(() => !!token.value)

  function accept(session: tickets.PortalSession) {
    token.value = session.token
    me.value = session.me
    expired.value = false
    storeToken(session.token)
  }

  function end(reason: 'expired' | 'signedOut') {
    if (!token.value) return
    token.value = null
    me.value = null
    expired.value = reason === 'expired'
    storeToken(null)
  }

  async function login(body: tickets.PortalLogin): Promise<void> {
    accept(await portalCall(portalRoutes.login, { body }))
  }

  /** Ends the session here whatever the server says (it may already have ended it). */
  async function logout(): Promise<void> {
    try {
      await portalCall(portalRoutes.logout)
    } catch {
      // The token is dropped below either way.
    } finally {
      end('signedOut')
    }
  }

  /** True when a token is held and (after a reload) the service still knows it; fetches `me` once. */
  async function restore(): Promise<boolean> {
    if (!token.value) return false
    if (me.value) return true
    try {
      me.value = await portalCall(portalRoutes.me)
      return true
    } catch (error) {
      // A 401 has ended the session (onUnauthorized); another failure keeps it for the next try.
      if (error instanceof ApiError && error.status === 401) return false
      throw error
    }
  }

  return { token, me, expired, signedIn, login, logout, restore, end }
})
