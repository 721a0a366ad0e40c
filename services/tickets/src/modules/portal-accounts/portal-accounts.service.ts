import type { EntityManager } from 'typeorm'
import type { Page, tickets } from '@mosaic/schemas'
import {
  anyOfTerms,
  fieldConflict,
  listPage,
  liveRows,
  RecordStore,
  textContains,
  uniqueOr,
  type RecordContext,
} from '@mosaic/service-kit'
import { PortalAccountEntity, type PortalAccountRow } from './portal-accounts.entity.js'

/** The API shape: never the hash, the token version or the throttling counters. */
export function presentAccount(row: PortalAccountRow): tickets.PortalAccount {
  return {
    id: row.id,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    customerId: row.customerId,
    customerName: row.customerName,
    contactId: row.contactId,
    contactName: row.contactName,
    account: row.account,
    displayName: row.displayName,
    enabled: row.enabled,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
  }
}

/**
 * Customer accounts are not owned records (no scope fields): whoever holds `tickets.portal-account.*` manages
 * every customer's accounts, as a department-scoped agent serves every customer (decision 93).
 */
export const portalAccounts = new RecordStore<PortalAccountRow>({
  entityType: 'portal_account',
  entity: PortalAccountEntity,
  title: (row) => row.account,
  secretFields: ['passwordHash'],
  internalFields: ['tokenVersion', 'lastLoginAt', 'failedLogins', 'lockedUntil'],
  present: async (_m, row) => presentAccount(row),
})

export function listPortalAccounts(
  m: EntityManager,
  query: tickets.PortalAccountListQuery,
): Promise<Page<tickets.PortalAccount>> {
  return listPage(liveRows(portalAccounts, m, 'a'), query, {
    filters: {
      q: (term) =>
        anyOfTerms([
          textContains('a.account', term, 'qAccount'),
          textContains('a.display_name', term, 'qName'),
        ]),
    },
    equal: ['customerId'],
    flags: ['enabled'],
    present: (rows) => rows.map(presentAccount),
  })
}

const accountTaken = () => fieldConflict('account', 'portal.account_taken')

/** `names` and `passwordHash` are resolved before the transaction (a peer call, a slow hash). */
export function createPortalAccount(
  m: EntityManager,
  ctx: RecordContext,
  input: tickets.PortalAccountCreate,
  names: { customerName: string; contactName: string },
  passwordHash: string,
): Promise<PortalAccountRow> {
  return uniqueOr(
    portalAccounts.create(m, ctx, {
      customerId: input.customerId,
      customerName: names.customerName,
      contactId: input.contactId,
      contactName: names.contactName,
      account: input.account,
      displayName: input.displayName,
      passwordHash,
      enabled: input.enabled ?? true,
      tokenVersion: 0,
      lastLoginAt: null,
      failedLogins: 0,
      lockedUntil: null,
    }),
    'portal_account_account_uq',
    accountTaken,
  )
}

/** Disabling ends the account's sessions at once (the token version moves on). */
export async function updatePortalAccount(
  m: EntityManager,
  ctx: RecordContext,
  id: string,
  version: number,
  body: tickets.PortalAccountUpdate,
): Promise<PortalAccountRow> {
  const before = await portalAccounts.get(m, id, ctx)
  const disabling = body.enabled === false && before.enabled
  const enabling = body.enabled === true && !before.enabled
  return portalAccounts.update(
    m,
    ctx,
    id,
    version,
    {
      ...(body.displayName !== undefined ? { displayName: body.displayName } : {}),
      ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
      ...(disabling ? { tokenVersion: before.tokenVersion + 1 } : {}),
    },
    disabling || enabling ? { action: disabling ? 'disable' : 'enable' } : {},
  )
}

/** A new password from staff: the old one and every open session stop working, a lock-out ends. */
export async function resetPortalPassword(
  m: EntityManager,
  ctx: RecordContext,
  id: string,
  version: number,
  passwordHash: string,
): Promise<PortalAccountRow> {
  const { tokenVersion } = await portalAccounts.get(m, id, ctx)
  return portalAccounts.update(
    m,
    ctx,
    id,
    version,
    { passwordHash, tokenVersion: tokenVersion + 1, failedLogins: 0, lockedUntil: null },
    { action: 'reset_password' },
  )
}

/**
 * Deleting an account is permanent (the manual says so; nothing refers to an account by id but the audit
 * trail, which keeps both entries): its sessions end with it, and its name is free again.
 */
export async function deletePortalAccount(
  m: EntityManager,
  ctx: RecordContext,
  id: string,
  version: number,
): Promise<void> {
  await portalAccounts.softDelete(m, ctx, id, version)
  await portalAccounts.purge(m, ctx, id)
}
