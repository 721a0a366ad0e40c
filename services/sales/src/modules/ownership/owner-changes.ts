import type { EntityManager } from 'typeorm'
import type { AuditAction } from '@mosaic/schemas'
import { removeTeamMember, type ActionContext, type RecordContext } from '@mosaic/service-kit'
import type { ContactRow, CustomerRow } from '../customers/customers.entity.js'
import { contacts, customers } from '../customers/customers.store.js'

export interface NewOwner {
  id: string
  name: string
  deptId: string | null
}

/**
 * The context for writes whose permission and visibility the caller has already decided (a pool
 * customer is in nobody's data scope, recycling has no user): the store then checks versions and
 * audits, but not scope.
 */
export const writer = (ctx: ActionContext): RecordContext => ({ actor: ctx.actor, requestId: ctx.requestId })

/** Why a customer is in the pool, as `pool_reason` stores it. */
export type PoolReason = 'released' | 'no_followup' | 'no_deal'

/** Gives a pool customer to `owner` (claim, assign): the pool clock starts now. */
export async function takeFromPool(
  m: EntityManager,
  ctx: ActionContext,
  row: CustomerRow,
  owner: NewOwner,
  action: 'claim' | 'assign',
  now: Date,
): Promise<CustomerRow> {
  const saved = await customers.update(
    m,
    writer(ctx),
    row.id,
    row.version,
    {
      ownerId: owner.id,
      ownerName: owner.name,
      deptId: owner.deptId,
      ownerSince: now,
      poolEnteredAt: null,
      poolReason: null,
    },
    { action },
  )
  await moveContacts(m, ctx, await contactsOf(m, row.id), owner, action)
  return saved
}

/**
 * Puts an owned customer back in the pool (release, recycle). It leaves the department too (the
 * pool belongs to nobody), and its team goes: sharing was the old owner's decision.
 */
export async function returnToPool(
  m: EntityManager,
  ctx: ActionContext,
  row: CustomerRow,
  reason: PoolReason,
  action: 'release' | 'recycle',
  note: string,
  now: Date,
): Promise<CustomerRow> {
  const saved = await customers.update(
    m,
    writer(ctx),
    row.id,
    row.version,
    {
      ownerId: null,
      ownerName: null,
      deptId: null,
      ownerSince: null,
      poolEnteredAt: now,
      poolReason: reason,
      previousOwnerId: row.ownerId,
      previousOwnerName: row.ownerName,
    },
    { action, note },
  )
  await moveContacts(m, ctx, await contactsOf(m, row.id), null, action, note)
  const members: Array<{ user_id: string }> = await m.query(
    `SELECT user_id FROM team_member WHERE entity_type = 'customer' AND entity_id = $1`,
    [row.id],
  )
  for (const member of members) await removeTeamMember(m, writer(ctx), customers, row.id, member.user_id)
  return saved
}

/** The customer's contacts (not in the recycle bin), oldest first. */
export async function contactsOf(m: EntityManager, customerId: string): Promise<ContactRow[]> {
  return contacts
    .repo(m)
    .createQueryBuilder('ct')
    .where('ct.customer_id = :customerId AND ct.deleted_at IS NULL', { customerId })
    .orderBy('ct.created_at')
    .addOrderBy('ct.id')
    .getMany()
}

/** Contacts carry their customer's owner and department (scope without a join): they follow it. */
export async function moveContacts(
  m: EntityManager,
  ctx: ActionContext,
  rows: ContactRow[],
  owner: NewOwner | null,
  action: AuditAction,
  note?: string,
): Promise<void> {
  for (const c of rows) {
    await contacts.update(
      m,
      writer(ctx),
      c.id,
      c.version,
      { ownerId: owner?.id ?? null, deptId: owner?.deptId ?? null },
      { action, note },
    )
  }
}
