import { problem } from '../errors.js'
import type { TokenVerifier } from './verifier.js'

/** What a service currently knows about a user's standing: admin's users table or the user replica. */
export interface AuthState {
  /** Bumped on disable, delete, role or scope change and password reset. */
  authVersion: number
  /** False when the user is disabled or deleted. */
  active: boolean
}

/** The user's current standing, or null when this service does not know the user (yet). */
export type AuthStateLookup = (userId: string) => Promise<AuthState | null>

/** How long a looked-up standing is trusted: revocation takes effect within this (plus event delivery). */
export const AUTH_STATE_CACHE_MS = 1000

/**
 * Caches lookups per user for `ttlMs` (≤ 1 s), so a burst of requests costs one query, while a
 * disabled user or an outdated token is refused within a second of the service learning of it.
 */
export function cachedAuthState(
  lookup: AuthStateLookup,
  ttlMs = AUTH_STATE_CACHE_MS,
  maxEntries = 10_000,
): AuthStateLookup {
  const cache = new Map<string, { at: number; state: Promise<AuthState | null> }>()
  return (userId) => {
    const now = Date.now()
    const hit = cache.get(userId)
    if (hit && now - hit.at < ttlMs) return hit.state
    if (cache.size >= maxEntries) {
      for (const [key, entry] of cache) if (now - entry.at >= ttlMs) cache.delete(key)
      if (cache.size >= maxEntries) cache.clear()
    }
    const state = lookup(userId)
    cache.set(userId, { at: now, state })
    // A failed lookup is not remembered: the next request asks again.
    state.catch(() => cache.delete(userId))
    return state
  }
}

/**
 * A verifier that also refuses signed, unexpired tokens that are no longer true: the user was
 * disabled or deleted (401 `auth.account_unavailable`), or their auth version moved past the
 * token's `av` claim (401 `auth.token_outdated`; the browser refreshes and gets a current token).
 * Users the lookup does not know (a replica not yet fed) pass on the signature alone.
 */
export function withTokenFreshness(verifier: TokenVerifier, lookup: AuthStateLookup): TokenVerifier {
  return {
    async verify(token) {
      const principal = await verifier.verify(token)
      if (principal.kind !== 'staff') return principal
      const state = await lookup(principal.userId)
      if (!state) return principal
      if (!state.active) throw problem(401, 'auth.account_unavailable')
      if ((principal.authVersion ?? 0) < state.authVersion) throw problem(401, 'auth.token_outdated')
      return principal
    },
  }
}
