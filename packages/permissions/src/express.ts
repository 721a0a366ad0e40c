import type { NextFunction, Request, RequestHandler, Response } from 'express'
import type { PermissionCode } from './catalog.js'
import { PermissionDeniedError, UnauthenticatedError, type Principal } from './principal.js'

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Set by the service kit's auth middleware once the token is verified. */
      principal?: Principal
    }
  }
}

/** Requires every listed code; errors go to `next` so the service's problem+json handler answers. */
export function requirePermission(...codes: PermissionCode[]): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const principal = req.principal
    if (!principal) return next(new UnauthenticatedError())
    const missing = codes.find((c) => !principal.permissions.includes(c))
    if (missing) return next(new PermissionDeniedError(missing))
    next()
  }
}
