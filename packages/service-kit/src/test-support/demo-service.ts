/**
 * Test-only helper (excluded from the build): a tiny service built with `createService`, a
 * throw-away Ed25519 key pair and a token minter, for calling the kit over real HTTP.
 */
import { exportJWK, generateKeyPair, createLocalJWKSet, SignJWT, type JWTPayload, type CryptoKey } from 'jose'
import { BaseConfig } from '../config.js'
import { createService, type Service, type ServiceDefinition, type ServiceParts } from '../service.js'
import { createTokenVerifier } from '../auth/verifier.js'
import type { AccessClaims } from '../auth/principal.js'
import { createTestDatabase, type TestDatabase } from '../testing.js'
import type { DatabaseOptions } from '../db/database.js'

export const ISSUER = 'mosaic-admin-test'
export const AUDIENCE = 'mosaic-test'
export const KID = 'test-key-1'

export interface KeyPair {
  publicKey: CryptoKey
  privateKey: CryptoKey
  publicJwk: Record<string, unknown>
}

export async function newKeyPair(): Promise<KeyPair> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' })
  const publicJwk = { ...(await exportJWK(publicKey)), kid: KID, alg: 'EdDSA', use: 'sig' }
  return { publicKey, privateKey, publicJwk }
}

export const baseClaims: Omit<AccessClaims, 'iss' | 'aud' | 'exp' | 'iat'> = {
  sub: '00000000-0000-4000-8000-000000000001',
  username: 'tester',
  name: 'Test User',
  dept: null,
  roles: [],
  perms: '',
  scope: 'all',
}

export interface TokenOptions {
  claims?: Partial<AccessClaims> & JWTPayload
  issuer?: string
  audience?: string
  expiresAt?: number | string
  issuedAt?: number
  key?: CryptoKey
}

export function tokenMinter(keys: KeyPair) {
  return (o: TokenOptions = {}) =>
    new SignJWT({ ...baseClaims, ...o.claims })
      .setProtectedHeader({ alg: 'EdDSA', kid: KID })
      .setIssuer(o.issuer ?? ISSUER)
      .setAudience(o.audience ?? AUDIENCE)
      .setIssuedAt(o.issuedAt)
      .setExpirationTime(o.expiresAt ?? '5m')
      .sign(o.key ?? keys.privateKey)
}

export interface Demo {
  service: Service
  base: string
  keys: KeyPair
  token: (o?: TokenOptions) => Promise<string>
  close(): Promise<void>
}

export async function startDemo(options: {
  routes: (parts: ServiceParts) => void
  env?: Record<string, string>
  /** Kit tables the routes need (none by default). */
  migrations?: DatabaseOptions['migrations']
  entities?: DatabaseOptions['entities']
  portal?: ServiceDefinition<BaseConfig>['portal']
}): Promise<Demo> {
  const testDb: TestDatabase = await createTestDatabase()
  const keys = await newKeyPair()
  const config = BaseConfig.parse({
    SERVICE_NAME: 'demo',
    MOSAIC_MODE: 'test',
    HOST: '127.0.0.1',
    DATABASE_URL: testDb.url,
    JWT_ISSUER: ISSUER,
    JWT_AUDIENCE: AUDIENCE,
    ...options.env,
  })
  let service: Service
  try {
    service = await createService({
      config,
      database: { entities: options.entities ?? [], migrations: options.migrations ?? [] },
      verifier: ({ config: c }) =>
        createTokenVerifier({
          issuer: c.JWT_ISSUER,
          audience: c.JWT_AUDIENCE,
          keys: createLocalJWKSet({ keys: [keys.publicJwk] }),
        }),
      routes: options.routes,
      portal: options.portal,
    })
  } catch (error) {
    await testDb.drop()
    throw error
  }
  const port = await service.listen(0)
  let closed = false
  return {
    service,
    base: `http://127.0.0.1:${port}`,
    keys,
    token: tokenMinter(keys),
    async close() {
      if (!closed) {
        closed = true
        await service.close()
      }
      await testDb.drop()
    },
  }
}
