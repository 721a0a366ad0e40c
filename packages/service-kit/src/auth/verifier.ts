import type { RequestHandler } from 'express'
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose'
import type { Principal } from '@mosaic/permissions'
import { problem, type HttpError } from '../errors.js'
import { principalFromClaims, type AccessClaims } from './principal.js'

/** Only the algorithm the admin service signs with; `none` and HMAC confusion are refused outright. */
export const ACCESS_TOKEN_ALGORITHMS = ['EdDSA']

export interface TokenVerifier {
  verify(token: string): Promise<Principal>
}

export interface VerifierOptions {
  issuer: string
  audience: string
  /** A key lookup (local key set in the admin service) or the admin service's JWKS URL. */
  keys: JWTVerifyGetKey | string
}

/** How long a verified token is remembered at most (never past its own `exp`). */
export const VERIFIED_TOKEN_CACHE_MS = 60_000
const VERIFIED_TOKEN_CACHE_MAX = 10_000

export function createTokenVerifier(options: VerifierOptions): TokenVerifier {
  const keys = typeof options.keys === 'string' ? createRemoteJWKSet(new URL(options.keys)) : options.keys
  return cacheVerified({
    async verify(token) {
      try {
        const { payload } = await jwtVerify<AccessClaims>(token, keys, {
          issuer: options.issuer,
          audience: options.audience,
          algorithms: ACCESS_TOKEN_ALGORITHMS,
          requiredClaims: ['sub', 'exp', 'iat'],
        })
        return { principal: principalFromClaims(payload), expiresAt: payload.exp! * 1000 }
      } catch (error) {
        throw describe(error)
      }
    },
  })
}

/**
 * Remembers verified tokens (keyed by the token string) for up to VERIFIED_TOKEN_CACHE_MS and never
 * past their `exp`: the signature check was 10–14 % of a list request's CPU. Only the signature is
 * remembered: revocation (disabled user, newer auth version) is checked on every request by
 * `withTokenFreshness`, which wraps this verifier, so a revoked token is refused as soon as before.
 * Failures are not remembered.
 */
function cacheVerified(inner: {
  verify(token: string): Promise<{ principal: Principal; expiresAt: number }>
}): TokenVerifier {
  const cache = new Map<string, { principal: Principal; until: number }>()
  return {
    async verify(token) {
      const now = Date.now()
      const hit = cache.get(token)
      if (hit && now < hit.until) return { ...hit.principal }
      if (hit) cache.delete(token)
      const { principal, expiresAt } = await inner.verify(token)
      if (cache.size >= VERIFIED_TOKEN_CACHE_MAX) {
        for (const [key, entry] of cache) if (now >= entry.until) cache.delete(key)
        if (cache.size >= VERIFIED_TOKEN_CACHE_MAX) cache.clear()
      }
      cache.set(token, { principal, until: Math.min(now + VERIFIED_TOKEN_CACHE_MS, expiresAt) })
      return { ...principal }
    },
  }
}

function describe(error: unknown): HttpError {
  if (error instanceof joseErrors.JWTExpired) return problem(401, 'auth.token_expired')
  if (error instanceof joseErrors.JWTClaimValidationFailed)
    return problem(401, 'auth.token_wrong_audience', { claim: error.claim })
  return problem(401, 'auth.token_invalid')
}

/** Sets `req.principal` when a valid bearer token is present; routes decide whether one is required. */
export function authenticate(verifier: TokenVerifier): RequestHandler {
  return async (req, _res, next) => {
    const header = req.headers.authorization
    if (!header) return next()
    const match = /^Bearer\s+(\S+)$/i.exec(header)
    if (!match) return next(problem(401, 'auth.bearer_required'))
    try {
      req.principal = await verifier.verify(match[1]!)
      next()
    } catch (error) {
      next(error)
    }
  }
}
