import type { RequestHandler } from 'express'
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose'
import { problem, unauthorized } from '../errors.js'

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The calling service, set on internal routes once its service token is verified. */
      serviceCaller?: string
    }
  }
}

export const SERVICE_TOKEN_AUDIENCE = 'mosaic-internal'
/** HMAC only: a user's EdDSA token, `none` or any other algorithm is refused outright. */
export const SERVICE_TOKEN_ALGORITHMS = ['HS256']
export const SERVICE_TOKEN_TTL_SECONDS = 60

const NAME = /^[a-z][a-z0-9-]{0,39}$/

const keyOf = (secret: string) => new TextEncoder().encode(secret)

export async function signServiceToken(secret: string, source: string): Promise<string> {
  if (!NAME.test(source)) throw new Error(`Invalid service name "${source}"`)
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(source)
    .setSubject(`service:${source}`)
    .setAudience(SERVICE_TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${SERVICE_TOKEN_TTL_SECONDS}s`)
    .sign(keyOf(secret))
}

/** Resolves with the calling service's name; any defect → 401 HttpError. */
export async function verifyServiceToken(secret: string, token: string): Promise<string> {
  let payload
  try {
    ;({ payload } = await jwtVerify(token, keyOf(secret), {
      audience: SERVICE_TOKEN_AUDIENCE,
      algorithms: SERVICE_TOKEN_ALGORITHMS,
      requiredClaims: ['iss', 'sub', 'exp', 'iat'],
    }))
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw unauthorized('service.token_expired')
    throw unauthorized('service.token_invalid')
  }
  const source = payload.iss!
  if (!NAME.test(source) || payload.sub !== `service:${source}`) throw unauthorized('service.token_invalid')
  return source
}

export const serviceCallsNotConfigured = () => problem(503, 'service.calls_unconfigured')

/**
 * Guards `/api/<svc>/internal/*`: only a service token signed with this installation's secret
 * passes. User tokens never reach the user-token verifier here, so they cannot become principals.
 */
export function requireServiceToken(secret: string | undefined): RequestHandler {
  return (req, _res, next) => {
    req.principal = undefined
    if (!secret) return next(serviceCallsNotConfigured())
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')
    if (!match) return next(unauthorized('service.token_required'))
    verifyServiceToken(secret, match[1]!).then(
      (caller) => {
        req.serviceCaller = caller
        next()
      },
      (error: unknown) => next(error),
    )
  }
}
