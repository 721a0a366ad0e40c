import type { Request, Response } from 'express'
import { admin } from '@mosaic/schemas'
import { keyedRateLimit, signInRateLimits, type ApiRouter, type SigningKeys } from '@mosaic/service-kit'
import type { AuthService, Session } from './auth.service.js'

const COOKIE = 'mosaic_rt'
// Scoped to the auth endpoints so the refresh token never travels with ordinary API calls.
const COOKIE_PATH = '/api/admin/auth'

function setSessionCookie(req: Request, res: Response, session: Session, ttlDays: number) {
  res.cookie(COOKIE, session.refreshToken, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: COOKIE_PATH,
    maxAge: ttlDays * 86_400_000,
  })
}

export function registerAuthRoutes(
  api: ApiRouter,
  auth: AuthService,
  keys: SigningKeys,
  opts: {
    ttlDays: number
    loginPerMinute: number
    loginPerMinutePerAddress: number
    refreshPerMinute: number
    passwordPerMinute: number
  },
) {
  // Per address + username (guessing one account) and, looser, per address (one office NAT).
  const loginLimiters = signInRateLimits({
    perUserAndAddress: opts.loginPerMinute,
    perAddress: opts.loginPerMinutePerAddress,
  })
  // Every page load refreshes: its own, much higher limit, never the sign-in one.
  const refreshLimiter = keyedRateLimit({ perMinute: opts.refreshPerMinute, code: 'auth.too_many_refreshes' })
  const passwordLimiter = keyedRateLimit({
    perMinute: opts.passwordPerMinute,
    code: 'auth.too_many_password_attempts',
    key: (req) => req.principal?.userId ?? 'anonymous',
  })

  api.router.get('/.well-known/jwks.json', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=300')
    res.json(keys.jwks)
  })

  api.route({
    method: 'post',
    path: '/auth/login',
    cache: 'no-store',
    summary: 'Sign in with username and password',
    tags: ['auth'],
    access: 'public',
    middleware: loginLimiters,
    body: admin.LoginRequest,
    response: admin.TokenResponse,
    status: 200,
    handler: async ({ body, req, res, requestId }) => {
      const session = await auth.login(body, requestId)
      setSessionCookie(req, res, session, opts.ttlDays)
      return session.response
    },
  })

  api.route({
    method: 'post',
    path: '/auth/refresh',
    cache: 'no-store',
    summary: 'Exchange the refresh cookie for a new access token (rotates the cookie)',
    tags: ['auth'],
    access: 'public',
    middleware: [refreshLimiter],
    response: admin.TokenResponse,
    status: 200,
    handler: async ({ req, res }) => {
      try {
        const session = await auth.refresh(req.cookies?.[COOKIE])
        setSessionCookie(req, res, session, opts.ttlDays)
        return session.response
      } catch (error) {
        res.clearCookie(COOKIE, { path: COOKIE_PATH })
        throw error
      }
    },
  })

  api.route({
    method: 'post',
    path: '/auth/logout',
    summary: 'Sign out: revokes this session',
    tags: ['auth'],
    access: 'public',
    handler: async ({ req, res }) => {
      await auth.logout(req.cookies?.[COOKIE])
      res.clearCookie(COOKIE, { path: COOKIE_PATH })
      return undefined
    },
  })

  api.route({
    method: 'get',
    path: '/auth/me',
    summary: 'The signed-in user with roles, permissions and data scope',
    tags: ['auth'],
    access: 'authenticated',
    response: admin.Me,
    handler: ({ principal }) => auth.me(principal.userId),
  })

  api.route({
    method: 'post',
    path: '/auth/password',
    summary: 'Change my password',
    tags: ['auth'],
    access: 'authenticated',
    middleware: [passwordLimiter],
    body: admin.ChangePasswordRequest,
    handler: async ({ principal, body, req, requestId }) => {
      await auth.changePassword(principal.userId, body, req.cookies?.[COOKIE], requestId)
      return undefined
    },
  })
}
