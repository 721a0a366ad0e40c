import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair } from 'jose'
import type { Principal } from '@mosaic/permissions'
import { createTokenVerifier } from './auth/verifier.js'
import { claimsFromPrincipal } from './auth/principal.js'

export interface TestDatabase {
  /** Undefined → embedded in-memory PGlite. */
  url: string | undefined
  drop(): Promise<void>
}

/**
 * A fresh, empty database for one test file: a new database on the server named by
 * TEST_DATABASE_URL (CI), otherwise in-memory embedded Postgres (nothing to create).
 */
export async function createTestDatabase(prefix = 'mosaic_test'): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL
  if (!serverUrl) return { url: undefined, drop: async () => {} }
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`
  await withAdminClient(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`))
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: () => withAdminClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  }
}

async function withAdminClient(url: string, work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await work(client)
  } finally {
    await client.end()
  }
}

/**
 * Access tokens for testing a service without running the admin service: a throw-away Ed25519
 * key pair, the verifier that trusts it, and a minter taking the principal the token should carry.
 */
export async function createTestTokens(o: { issuer?: string; audience?: string } = {}) {
  const issuer = o.issuer ?? 'mosaic-admin'
  const audience = o.audience ?? 'mosaic'
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' })
  const jwks = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: 'test', alg: 'EdDSA' }] })
  return {
    verifier: createTokenVerifier({ issuer, audience, keys: jwks }),
    mint(p: Principal): Promise<string> {
      return new SignJWT({ ...claimsFromPrincipal(p) })
        .setProtectedHeader({ alg: 'EdDSA', kid: 'test' })
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(privateKey)
    },
  }
}
