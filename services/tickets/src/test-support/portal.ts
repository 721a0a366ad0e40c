import { randomUUID } from 'node:crypto'
import { generateKeyPair, importJWK, SignJWT, UnsecuredJWT, type JWK, type JWTPayload } from 'jose'
import { tickets } from '@mosaic/schemas'
import type { Service } from '@mosaic/service-kit'
import { PORTAL_ISSUER } from '../modules/portal/portal-auth.js'

/** What a portal token of a given account carries (see portal-auth.ts). */
export interface PortalIdentity {
  accountId: string
  customerId: string
  contactId: string
  tokenVersion: number
}

/** The tickets service's own portal key pair, read from its database (tests only). */
export async function portalKeysOf(service: Service) {
  const [row] = await service.db.transaction((m) =>
    m.query('SELECT kid, private_jwk, public_jwk FROM portal_signing_key WHERE retired_at IS NULL'),
  )
  const privateJwk = row.private_jwk as JWK
  return {
    kid: row.kid as string,
    privateKey: await importJWK({ ...privateJwk, alg: 'EdDSA' }, 'EdDSA'),
    publicJwk: row.public_jwk as JWK,
  }
}

function claimsOf(id: PortalIdentity): JWTPayload {
  return { kind: 'portal', customer: id.customerId, contact: id.contactId, tv: id.tokenVersion }
}

/**
 * Tokens that must all be refused (401) by the portal, and by every other service: a wrong key, `alg: none`,
 * HS256 keyed with the real public key, the real key with a wrong issuer or audience, an expired one, and
 * one whose claims were edited after signing. Each names a real account, so only the forgery can fail it.
 */
export async function forgedPortalTokens(
  service: Service,
  id: PortalIdentity,
): Promise<Record<string, string>> {
  const real = await portalKeysOf(service)
  const other = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true })
  const base = (kid = real.kid) =>
    new SignJWT(claimsOf(id))
      .setProtectedHeader({ alg: 'EdDSA', kid })
      .setIssuer(PORTAL_ISSUER)
      .setAudience(tickets.PORTAL_AUDIENCE)
      .setSubject(id.accountId)
      .setIssuedAt()
  const publicBytes = new TextEncoder().encode(JSON.stringify(real.publicJwk))
  const genuine = await base().setExpirationTime('5m').sign(real.privateKey)
  const [header, , signature] = genuine.split('.')
  const edited = Buffer.from(
    JSON.stringify({
      ...claimsOf(id),
      customer: randomUUID(),
      sub: id.accountId,
      iss: PORTAL_ISSUER,
      aud: 'portal',
    }),
  ).toString('base64url')
  return {
    wrongKey: await base('stranger').setExpirationTime('5m').sign(other.privateKey),
    otherKeySameKid: await base().setExpirationTime('5m').sign(other.privateKey),
    algNone: new UnsecuredJWT(claimsOf(id))
      .setIssuer(PORTAL_ISSUER)
      .setAudience(tickets.PORTAL_AUDIENCE)
      .setSubject(id.accountId)
      .setIssuedAt()
      .setExpirationTime('5m')
      .encode(),
    hs256WithPublicKey: await new SignJWT(claimsOf(id))
      .setProtectedHeader({ alg: 'HS256', kid: real.kid })
      .setIssuer(PORTAL_ISSUER)
      .setAudience(tickets.PORTAL_AUDIENCE)
      .setSubject(id.accountId)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(publicBytes),
    wrongIssuer: await base().setIssuer('mosaic-admin').setExpirationTime('5m').sign(real.privateKey),
    wrongAudience: await base().setAudience('mosaic').setExpirationTime('5m').sign(real.privateKey),
    expired: await base()
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(real.privateKey),
    editedClaims: `${header}.${edited}.${signature}`,
  }
}
