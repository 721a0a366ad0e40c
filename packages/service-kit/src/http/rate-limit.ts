import type { RequestHandler } from 'express'
import { rateLimit } from 'express-rate-limit'
import type { ProblemCode } from '@mosaic/schemas'
import { tooManyRequests } from '../errors.js'

/**
 * A per-client limit for sensitive routes (sign-in, token refresh, password changes), answered
 * with a 429 problem like every other error.
 */
export function sensitiveRateLimit(options: { perMinute: number; code?: ProblemCode }): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: options.perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(tooManyRequests(options.code)),
  })
}
