import { randomUUID } from 'node:crypto'
import { createLocalJWKSet, exportJWK, generateKeyPair, importJWK, type JWK, type CryptoKey } from 'jose'
import type { Database } from '../db/database.js'

export const SIGNING_ALG = 'EdDSA'

export interface SigningKeys {
  kid: string
  privateKey: CryptoKey
  /** Public keys (current and not yet expired old ones) as served at /.well-known/jwks.json. */
  jwks: { keys: JWK[] }
  keySet: ReturnType<typeof createLocalJWKSet>
}

/**
 * A service's token signing key (admin's staff tokens, the tickets portal's customer tokens): taken from
 * configuration when given (production), else generated once and kept in the service's own database (`table`:
 * kid, alg, private_jwk, public_jwk, created_at, retired_at) so tokens survive restarts.
 */
export async function loadSigningKeys(
  db: Database,
  configuredJwk?: string,
  table: 'signing_key' | 'portal_signing_key' = 'signing_key',
): Promise<SigningKeys> {
  if (configuredJwk) return fromPrivateJwk(JSON.parse(configuredJwk) as JWK)
  const rows = await db.dataSource.query(
    `SELECT kid, private_jwk FROM ${table} WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1`,
  )
  if (rows.length) return fromPrivateJwk({ ...rows[0].private_jwk, kid: rows[0].kid })
  const { privateKey } = await generateKeyPair(SIGNING_ALG, { crv: 'Ed25519', extractable: true })
  const jwk = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: SIGNING_ALG }
  const { d: _secret, ...publicJwk } = jwk
  await db.dataSource.query(
    `INSERT INTO ${table} (kid, alg, private_jwk, public_jwk) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
    [jwk.kid, SIGNING_ALG, JSON.stringify(jwk), JSON.stringify(publicJwk)],
  )
  return fromPrivateJwk(jwk)
}

async function fromPrivateJwk(jwk: JWK): Promise<SigningKeys> {
  if (!jwk.kid) throw new Error('The signing JWK needs a "kid"')
  const privateKey = (await importJWK({ ...jwk, alg: SIGNING_ALG }, SIGNING_ALG)) as CryptoKey
  const { d: _secret, ...publicJwk } = jwk
  const jwks = { keys: [{ ...publicJwk, alg: SIGNING_ALG, use: 'sig' }] }
  return { kid: jwk.kid, privateKey, jwks, keySet: createLocalJWKSet(jwks) }
}
