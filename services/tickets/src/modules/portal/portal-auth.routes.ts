import { tickets } from '@mosaic/schemas'
import {
  fieldError,
  signInRateLimits,
  problem,
  validationFailed,
  writeAudit,
  type DomainContext,
  type SigningKeys,
} from '@mosaic/service-kit'
import { burnPasswordCheck, hashPassword, verifyPassword } from '@mosaic/service-kit/passwords'
import type { TicketsConfig } from '../../config.js'
import { signPortalToken } from './portal-auth.js'
import {
  accountActor,
  currentAccount,
  endSessions,
  findByAccount,
  presentMe,
  recordFailure,
  recordSuccess,
} from './portal-session.js'

const tags = ['portal']

/** `/portal/auth/*` and `/portal/me*`: a contact's own session and password. */
export function registerPortalAuthRoutes(
  { portal, db, config }: DomainContext<TicketsConfig>,
  keys: () => Promise<SigningKeys>,
) {
  portal.route({
    method: 'post',
    path: '/auth/login',
    summary: 'Sign in to the customer portal',
    tags,
    access: 'public',
    body: tickets.PortalLogin,
    response: tickets.PortalSession,
    status: 200,
    cache: 'no-store',
    middleware: signInRateLimits(
      {
        perUserAndAddress: config.PORTAL_LOGIN_RATE_LIMIT_PER_MINUTE,
        perAddress: config.PORTAL_LOGIN_IP_RATE_LIMIT_PER_MINUTE,
      },
      { field: 'account', code: 'portal.too_many_logins' },
    ),
    handler: async ({ body }) => {
      const found = await db.transaction((m) => findByAccount(m, body.account))
      // An unknown account costs the same hash check as a wrong password and answers the same.
      if (!found) {
        await burnPasswordCheck(body.password)
        throw problem(401, 'portal.invalid_credentials')
      }
      if (found.lockedUntil && found.lockedUntil > new Date()) throw problem(429, 'portal.too_many_logins')
      if (!(await verifyPassword(found.passwordHash, body.password))) {
        await db.transaction((m) => recordFailure(m, found.id))
        throw problem(401, 'portal.invalid_credentials')
      }
      // Told only to whoever knows the password.
      if (!found.enabled) throw problem(403, 'portal.account_disabled')
      await db.transaction((m) => recordSuccess(m, found.id))
      const { token, expiresAt } = await signPortalToken(await keys(), found, config.PORTAL_SESSION_MINUTES)
      return { token, expiresAt: expiresAt.toISOString(), me: presentMe(found) }
    },
  })
  portal.route({
    method: 'post',
    path: '/auth/logout',
    summary: 'Sign out: every session of the account ends',
    tags,
    access: 'portal',
    handler: async ({ principal }) => {
      await db.transaction((m) => endSessions(m, principal.userId))
    },
  })
  portal.route({
    method: 'get',
    path: '/me',
    summary: 'The signed-in contact and their customer',
    tags,
    access: 'portal',
    response: tickets.PortalMe,
    handler: ({ principal }) => db.transaction(async (m) => presentMe(await currentAccount(m, principal))),
  })
  portal.route({
    method: 'post',
    path: '/me/password',
    summary: 'Change the own password (every session ends; sign in again)',
    tags,
    access: 'portal',
    body: tickets.PortalPasswordChange,
    handler: async ({ principal, body, requestId }) => {
      const account = await db.transaction((m) => currentAccount(m, principal))
      if (!(await verifyPassword(account.passwordHash, body.currentPassword)))
        throw validationFailed([fieldError('currentPassword', 'portal.password_wrong')])
      const hash = await hashPassword(body.newPassword)
      await db.transaction(async (m) => {
        await m.query('UPDATE portal_account SET password_hash = $2 WHERE id = $1', [account.id, hash])
        await endSessions(m, account.id)
        await writeAudit(m, accountActor(account, requestId), {
          action: 'change_password',
          entityType: 'portal_account',
          entityId: account.id,
          entityTitle: account.account,
        })
      })
    },
  })
}
