import { randomUUID } from 'node:crypto'
import { SignJWT, exportJWK, createLocalJWKSet, generateKeyPair } from 'jose'
import { describe, expect, it } from 'vitest'
import type { Principal } from '@mosaic/permissions'
import type { HttpError } from '../errors.js'
import { claimsFromPrincipal } from './principal.js'
import { withTokenFreshness, type AuthState } from './freshness.js'
import { createTokenVerifier } from './verifier.js'

const principal = (authVersion: number): Principal => ({
  userId: randomUUID(),
  username: 'u',
  deptId: null,
  roles: [],
  permissions: ['x.read'],
  dataScope: 'self',
  kind: 'staff',
  authVersion,
})

async function keys() {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' })
  const jwks = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k', alg: 'EdDSA' }] })
  const mint = (p: Principal, expiresIn: string | number) =>
    new SignJWT({ ...claimsFromPrincipal(p) })
      .setProtectedHeader({ alg: 'EdDSA', kid: 'k' })
      .setIssuer('i')
      .setAudience('a')
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(privateKey)
  return { verifier: createTokenVerifier({ issuer: 'i', audience: 'a', keys: jwks }), mint }
}

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: HttpError) => `${e.status} ${e.code}`,
  )

describe('verified-token cache', () => {
  it('answers a repeated token without re-verifying, each time with its own principal object', async () => {
    const { verifier, mint } = await keys()
    const token = await mint(principal(0), '1h')
    const first = await verifier.verify(token)
    const second = await verifier.verify(token)
    expect(second).toEqual(first)
    expect(second).not.toBe(first)
    expect(await codeOf(verifier.verify(token.slice(0, -2) + 'xx'))).toBe('401 auth.token_invalid')
  })

  it('never past the token’s exp: an expired token is refused even after it was cached', async () => {
    const { verifier, mint } = await keys()
    const token = await mint(principal(0), Math.floor(Date.now() / 1000) + 1)
    expect(await codeOf(verifier.verify(token))).toBe('ok')
    await new Promise((r) => setTimeout(r, 1100))
    expect(await codeOf(verifier.verify(token))).toBe('401 auth.token_expired')
  })

  it('a revoked token is refused on the next request: freshness is checked after the cache', async () => {
    const { verifier, mint } = await keys()
    const p = principal(3)
    const state: AuthState = { authVersion: 3, active: true }
    const fresh = withTokenFreshness(verifier, async () => state)
    const token = await mint(p, '1h')
    expect(await codeOf(fresh.verify(token))).toBe('ok')
    state.authVersion = 4
    expect(await codeOf(fresh.verify(token))).toBe('401 auth.token_outdated')
    state.active = false
    expect(await codeOf(fresh.verify(token))).toBe('401 auth.account_unavailable')
  })
})
