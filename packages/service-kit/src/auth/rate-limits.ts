import type { Request, RequestHandler } from 'express'
import { ipKeyGenerator, rateLimit } from 'express-rate-limit'
import type { ProblemCode } from '@mosaic/schemas'
import { problem } from '../errors.js'

/** The client address as the limiters count it (one IPv6 /56 counts as one client). */
export const clientKey = (req: Request) => ipKeyGenerator(req.ip ?? 'unknown')

/**
 * A per-minute limit on whatever `key` names (the client address, address + username, the signed-in
 * user…), answered with a coded 429 problem. Each call keeps its own counters.
 */
export function keyedRateLimit(options: {
  perMinute: number
  code: ProblemCode
  key?: (req: Request) => string
}): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: options.perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: options.key ?? clientKey,
    handler: (_req, _res, next) => next(problem(429, options.code)),
  })
}

export interface SignInLimits {
  /** Attempts per minute for one username from one address: stops guessing one account. */
  perUserAndAddress: number
  /** Attempts per minute from one address, any username: loose, so one office NAT keeps working. */
  perAddress: number
}

/**
 * Sign-in limits: a tight one per address + username and a loose one per address. `field` names the body's
 * login name (`username` for staff, `account` for the tickets portal's customers).
 */
export function signInRateLimits(
  limits: SignInLimits,
  { field = 'username', code = 'auth.too_many_logins' }: { field?: string; code?: ProblemCode } = {},
): RequestHandler[] {
  const username = (req: Request) => {
    const name = (req.body as Record<string, unknown> | undefined)?.[field]
    return typeof name === 'string' ? name.trim().toLowerCase().slice(0, 64) : ''
  }
  return [
    keyedRateLimit({ perMinute: limits.perAddress, code }),
    keyedRateLimit({
      perMinute: limits.perUserAndAddress,
      code,
      key: (req) => `${clientKey(req)}|${username(req)}`,
    }),
  ]
}
