import type { RequestHandler } from 'express'
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose'
import type { Principal } from '@mosaic/permissions'
import type {} from '@mosaic/permissions/express'
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

export function createTokenVerifier(options: VerifierOptions): TokenVerifier {
  const keys = typeof options.keys === 'string' ? createRemoteJWKSet(new URL(options.keys)) : options.keys
  return {
    async verify(token) {
      try {
        const { payload } = await jwtVerify<AccessClaims>(token, keys, {
          issuer: options.issuer,
          audience: options.audience,
          algorithms: ACCESS_TOKEN_ALGORITHMS,
          requiredClaims: ['sub', 'exp', 'iat'],
        })
        return principalFromClaims(payload)
      } catch (error) {
        throw describe(error)
      }
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
