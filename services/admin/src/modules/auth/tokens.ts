import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { SignJWT } from 'jose'
import type { EntityManager } from 'typeorm'
import type { Principal } from '@mosaic/permissions'
import { claimsFromPrincipal, SIGNING_ALG, type SigningKeys } from '@mosaic/service-kit'

export interface TokenSettings {
  issuer: string
  audience: string
  accessTtlSeconds: number
  refreshTtlDays: number
}

export async function signAccessToken(keys: SigningKeys, settings: TokenSettings, principal: Principal) {
  return new SignJWT(claimsFromPrincipal(principal))
    .setProtectedHeader({ alg: SIGNING_ALG, kid: keys.kid, typ: 'JWT' })
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setExpirationTime(`${settings.accessTtlSeconds}s`)
    .setJti(randomUUID())
    .sign(keys.privateKey)
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex')

/** Issues a refresh token in `familyId` (a login starts a family; each refresh continues it). */
export async function issueRefreshToken(m: EntityManager, userId: string, familyId: string, ttlDays: number) {
  const token = randomBytes(32).toString('base64url')
  await m.query(
    `INSERT INTO refresh_token (id, user_id, family_id, token_hash, expires_at)
     VALUES ($1, $2, $3, $4, now() + make_interval(days => $5))`,
    [randomUUID(), userId, familyId, sha256(token), ttlDays],
  )
  return token
}

export type RotationResult =
  | { ok: true; userId: string; familyId: string }
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' | 'reused' }

/**
 * Spends a refresh token. Only the newest token of a family is valid; presenting an already used
 * one means it was stolen (or replayed), so the whole family is revoked and its holder signed out.
 */
export async function spendRefreshToken(m: EntityManager, token: string): Promise<RotationResult> {
  const [row] = await m.query(
    `SELECT id, user_id, family_id, expires_at < now() AS expired, used_at, revoked_at
     FROM refresh_token WHERE token_hash = $1 FOR UPDATE`,
    [sha256(token)],
  )
  if (!row) return { ok: false, reason: 'unknown' }
  if (row.revoked_at) return { ok: false, reason: 'revoked' }
  if (row.used_at) {
    await revokeFamily(m, row.family_id)
    return { ok: false, reason: 'reused' }
  }
  if (row.expired) return { ok: false, reason: 'expired' }
  await m.query('UPDATE refresh_token SET used_at = now() WHERE id = $1', [row.id])
  return { ok: true, userId: row.user_id, familyId: row.family_id }
}

export async function familyOf(m: EntityManager, token: string): Promise<string | null> {
  const [row] = await m.query('SELECT family_id FROM refresh_token WHERE token_hash = $1', [sha256(token)])
  return row?.family_id ?? null
}

export async function revokeFamily(m: EntityManager, familyId: string) {
  await m.query('UPDATE refresh_token SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL', [
    familyId,
  ])
}

/** Signs a user out everywhere except (optionally) the session they are using. */
export async function revokeUserTokens(m: EntityManager, userId: string, exceptFamily?: string | null) {
  await m.query(
    `UPDATE refresh_token SET revoked_at = now()
     WHERE user_id = $1 AND revoked_at IS NULL AND ($2::uuid IS NULL OR family_id <> $2::uuid)`,
    [userId, exceptFamily ?? null],
  )
}
