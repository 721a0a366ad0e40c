import { errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from 'jose'
import type { EntityManager } from 'typeorm'
import type { Principal } from '@mosaic/permissions'
import { tickets } from '@mosaic/schemas'
import {
  isUuid,
  loadSigningKeys,
  problem,
  SIGNING_ALG,
  type Database,
  type SigningKeys,
  type TokenVerifier,
} from '@mosaic/service-kit'
import { PortalAccountEntity, type PortalAccountRow } from '../portal-accounts/portal-accounts.entity.js'

/** Portal tokens are issued and accepted by the tickets service alone. */
export const PORTAL_ISSUER = 'mosaic-tickets'
/** Only EdDSA: `none`, HMAC with the public key and every other algorithm are refused outright. */
export const PORTAL_ALGORITHMS = [SIGNING_ALG]

/** What a portal token says besides `sub` (the account): its customer, contact and the account's token version. */
interface PortalClaims extends JWTPayload {
  kind: 'portal'
  customer: string
  contact: string
  tv: number
}

/** The key from PORTAL_SIGNING_JWK, else one made on first start and kept in `portal_signing_key`. */
export function portalSigningKeys(configuredJwk: string | undefined) {
  let keys: Promise<SigningKeys> | undefined
  return (db: Database) => (keys ??= loadSigningKeys(db, configuredJwk, 'portal_signing_key'))
}

export async function signPortalToken(
  keys: SigningKeys,
  account: PortalAccountRow,
  minutes: number,
): Promise<{ token: string; expiresAt: Date }> {
  // Whole seconds, as `exp` carries it: the client's expiry is the token's.
  const expiresAt = new Date(Math.floor((Date.now() + minutes * 60_000) / 1000) * 1000)
  const claims: Omit<PortalClaims, keyof JWTPayload> & JWTPayload = {
    kind: 'portal',
    customer: account.customerId,
    contact: account.contactId,
    tv: account.tokenVersion,
  }
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: SIGNING_ALG, kid: keys.kid })
    .setIssuer(PORTAL_ISSUER)
    .setAudience(tickets.PORTAL_AUDIENCE)
    .setSubject(account.id)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(keys.privateKey)
  return { token, expiresAt }
}

/**
 * Verifies a portal token (algorithm allow-list, issuer, audience, expiry) and then, on every request, the
 * account it names: still there, enabled, same customer and token version. Nothing is cached, so a
 * disabled, reset, logged-out or deleted account is refused at once.
 */
export function portalVerifier(db: Database, keys: Promise<SigningKeys>): TokenVerifier {
  return {
    async verify(token) {
      let claims: PortalClaims
      try {
        const { keySet } = await keys
        claims = (
          await jwtVerify<PortalClaims>(token, keySet, {
            issuer: PORTAL_ISSUER,
            audience: tickets.PORTAL_AUDIENCE,
            algorithms: PORTAL_ALGORITHMS,
            requiredClaims: ['sub', 'exp', 'iat', 'customer', 'contact', 'tv'],
          })
        ).payload
      } catch (error) {
        throw problem(
          401,
          error instanceof joseErrors.JWTExpired ? 'auth.token_expired' : 'auth.token_invalid',
        )
      }
      // Only our key signs these, but a malformed claim must still be a 401, never a database error.
      if (!isUuid(claims.sub ?? '') || typeof claims.tv !== 'number') throw problem(401, 'auth.token_invalid')
      const account = await db.transaction((m) => liveAccount(m, claims.sub!))
      if (
        !account ||
        !account.enabled ||
        account.tokenVersion !== claims.tv ||
        account.customerId !== claims.customer
      )
        throw problem(401, 'portal.session_ended')
      return portalPrincipal(account)
    },
  }
}

export async function liveAccount(m: EntityManager, id: string): Promise<PortalAccountRow | null> {
  const row = await m.getRepository(PortalAccountEntity).findOneBy({ id })
  return row && !row.deletedAt ? row : null
}

/** A portal caller: no permissions, only their customer (routes read the account by `userId`). */
function portalPrincipal(account: PortalAccountRow): Principal {
  return {
    userId: account.id,
    username: account.account,
    displayName: account.displayName,
    deptId: null,
    roles: [],
    permissions: [],
    dataScope: 'self',
    kind: 'portal',
    customerId: account.customerId,
  }
}
