import type { EntityManager } from 'typeorm'
import type { sales } from '@mosaic/schemas'
import {
  definedOnly,
  fieldPath,
  listPage,
  liveRows,
  nameOrNumber,
  problem,
  presentWithAccess,
  uniqueOr,
  updateReturning,
  writeAudit,
  type CallerContext,
  type DomainDeps,
  type ListSpec,
  type RecordContext,
  type WhereFragment,
} from '@mosaic/service-kit'
import type { CustomerRow } from './customers.entity.js'
import { presentCustomer } from './customers.present.js'
import { customers } from './customers.store.js'
import { assertNameFree, nameTaken } from './duplicates.js'
import { checkLockedLimit, lockPortfolio } from '../ownership/limits.js'

export const presentCustomers = presentWithAccess(customers, presentCustomer)

export async function presentOne(m: EntityManager, row: CustomerRow, ctx?: RecordContext) {
  const [one] = await presentCustomers(m, ctx, [row])
  return one!
}

/**
 * The customers list: its rows (pool customers have their own list) and filters under the caller's
 * scope. The list pages it; the dashboard counts it (`listedRows`), so a figure equals the list's total.
 */
export function customerList(m: EntityManager, ctx: CallerContext) {
  const spec: ListSpec<CustomerRow, sales.CustomerListQuery, sales.Customer> = {
    scope: customers.scopeWhere(ctx.principal, 'c'),
    filters: {
      view: (view) => customerView(view, ctx.principal.userId),
      q: (term) => nameOrNumber('c', term),
    },
    equal: ['ownerId', 'status', 'level', 'industry', 'source', 'dealStatus'],
    flags: ['locked'],
    ranges: {
      created_at: ['createdFrom', 'createdTo'],
      next_followup_at: ['nextFollowUpFrom', 'nextFollowUpTo'],
    },
    present: (rows) => presentCustomers(m, ctx, rows),
  }
  return { from: liveRows(customers, m, 'c').andWhere('c.owner_id IS NOT NULL'), spec }
}

export function listCustomers(m: EntityManager, ctx: CallerContext, q: sales.CustomerListQuery) {
  const { from, spec } = customerList(m, ctx)
  return listPage(from, q, spec)
}

function customerView(view: NonNullable<sales.CustomerListQuery['view']>, me: string): WhereFragment | null {
  // Both narrow by who is asking, like the scope: one plan serves every caller (planStable).
  if (view === 'mine') return { sql: 'c.owner_id = :me', params: { me }, planStable: true }
  if (view !== 'team') return null
  // The caller's memberships, looked up once: the customer's primary key index does the rest.
  const memberships = `SELECT v.entity_id FROM team_member v WHERE v.user_id = :me AND v.entity_type = 'customer'`
  return { sql: `c.id = ANY(ARRAY(${memberships}))`, params: { me }, planStable: true }
}

type CustomerFields = Pick<sales.CustomerCreate, 'status' | 'level' | 'industry' | 'source'>

export function customerDictFields(input: CustomerFields, prefix?: string) {
  return [
    { field: fieldPath(prefix, 'status'), type: 'customer_status', value: input.status },
    { field: fieldPath(prefix, 'level'), type: 'customer_level', value: input.level },
    { field: fieldPath(prefix, 'industry'), type: 'industry', value: input.industry },
    { field: fieldPath(prefix, 'source'), type: 'lead_source', value: input.source },
  ]
}

/** The unique index is the last word: two concurrent updates to one name cannot both pass the check. */
const uniqueName = <T>(work: Promise<T>, field: string): Promise<T> =>
  uniqueOr(work, 'customer_name_key_uq', () => nameTaken(field))

export async function updateCustomer(
  m: EntityManager,
  ctx: RecordContext,
  deps: DomainDeps,
  id: string,
  version: number,
  input: sales.CustomerUpdate,
) {
  await deps.dicts.assert(customerDictFields(input))
  if (input.name) await assertNameFree(m, customers, input.name, id, 'name', ctx.principal)
  const { nextFollowUpAt, ...fields } = input
  const patch: Partial<CustomerRow> = definedOnly(fields)
  if (nextFollowUpAt !== undefined) patch.nextFollowUpAt = nextFollowUpAt ? new Date(nextFollowUpAt) : null
  if (input.dealStatus === 'dealt') {
    const current = await customers.get(m, id, ctx)
    if (current.dealStatus !== 'dealt') patch.lastDealAt = new Date()
  }
  return uniqueName(customers.update(m, ctx, id, version, patch), 'name')
}

/**
 * Lock (锁定) keeps a customer out of automatic recycling; each owner may hold only the pool rule's
 * number of locked customers.
 */
export async function setLocked(
  m: EntityManager,
  ctx: RecordContext,
  id: string,
  version: number,
  locked: boolean,
) {
  const row = await customers.get(m, id, ctx, { access: 'write', lock: true })
  if (row.locked === locked && row.version === version) return row
  if (locked && row.ownerId) {
    // Serialised per owner, so two concurrent locks cannot both pass the count.
    await lockPortfolio(m, row.ownerId)
    await checkLockedLimit(m, row.ownerId, row.deptId)
  }
  return customers.update(m, ctx, id, version, { locked }, { action: locked ? 'lock' : 'unlock' })
}

/**
 * A customer others depend on is not deleted: its opportunities must be closed out or moved first.
 * Its contacts and follow-ups go to the recycle bin with it (same deletion time, so a restore can
 * bring back exactly those).
 */
export async function deleteCustomer(m: EntityManager, ctx: RecordContext, id: string, version: number) {
  const row = await customers.get(m, id, ctx, { access: 'owner', lock: true })
  const [{ n }] = await m.query(
    'SELECT count(*)::int AS n FROM opportunity WHERE customer_id = $1 AND deleted_at IS NULL',
    [id],
  )
  if (n > 0) {
    throw problem(409, 'sales.customer.has_opportunities', { count: n })
  }
  await customers.softDelete(m, ctx, id, version)
  const [{ deleted_at: at }] = await m.query('SELECT deleted_at FROM customer WHERE id = $1', [id])
  await cascade(m, ctx, row, at, 'delete')
}

/** Brings the customer back with the contacts and follow-ups deleted together with it. */
export async function restoreCustomer(m: EntityManager, ctx: RecordContext, id: string) {
  const row = await customers.get(m, id, ctx, { withDeleted: true, access: 'owner' })
  if (row.deletedAt) await assertNameFree(m, customers, row.name, id, 'name', ctx.principal)
  const at = row.deletedAt
  const restored = await customers.restore(m, ctx, id)
  if (at) await cascade(m, ctx, row, at, 'restore')
  return restored
}

async function cascade(
  m: EntityManager,
  ctx: RecordContext,
  customer: CustomerRow,
  at: Date,
  action: 'delete' | 'restore',
) {
  const set =
    action === 'delete' ? 'deleted_at = $2, deleted_by = $3' : 'deleted_at = NULL, deleted_by = NULL'
  const match = action === 'delete' ? 'deleted_at IS NULL' : 'deleted_at = $2'
  const params = action === 'delete' ? [customer.id, at, ctx.actor.id] : [customer.id, at]
  const note = `${action === 'delete' ? 'Deleted' : 'Restored'} with customer ${customer.name}`
  const children: Array<[string, string, string]> = [
    ['contact', 'contact', 'name'],
    ['followup', 'followup', `subject || ' (' || target_name || ')'`],
  ]
  for (const [table, entityType, title] of children) {
    const rows = await updateReturning<{ id: string; title: string }>(
      m,
      `UPDATE ${table} SET ${set} WHERE customer_id = $1 AND ${match} RETURNING id, ${title} AS title`,
      params,
    )
    for (const r of rows) {
      await writeAudit(m, ctx, { action, entityType, entityId: r.id, entityTitle: r.title, note })
    }
  }
}
