import type { EntityManager } from 'typeorm'
import { can, type Principal } from '@mosaic/permissions'
import {
  containsPattern,
  fieldError,
  problem,
  type RecordContext,
  type RecordStore,
} from '@mosaic/service-kit'
import type { sales } from '@mosaic/schemas'
import type { CustomerRow } from './customers.entity.js'

/**
 * The customer store, passed in: its definition checks names on restore with these functions, so this file cannot
 * import it back.
 */
type Customers = RecordStore<CustomerRow>

/**
 * The duplicate-name key, computed by Postgres exactly as the generated `customer.name_key`
 * column is (lower case, no whitespace — full-width spaces included), so both always agree.
 */
export const NAME_KEY_SQL = (expr: string) => `lower(regexp_replace(${expr}, '[[:space:]\u3000]', '', 'g'))`

/** The same key computed in JS, for matching texts against rows read back (imports, lookups). */
export const nameKey = (name: string) => name.toLowerCase().replace(/[\s\u3000]/g, '')

interface Match {
  id: string
  number: string
  name: string
  owner_name: string | null
  owner_id: string | null
}

/** Same-name customers (not in the recycle bin) ignore data scope: a duplicate is a duplicate. */
export async function exactDuplicate(m: EntityManager, name: string, excludeId?: string) {
  const [row]: Match[] = await m.query(
    `SELECT id, number, name, owner_name, owner_id FROM customer
     WHERE deleted_at IS NULL AND name_key = ${NAME_KEY_SQL('$1')} AND ($2::uuid IS NULL OR id <> $2)
     LIMIT 1`,
    [name, excludeId ?? null],
  )
  return row ?? null
}

/**
 * Whether the caller may learn who has a customer: one in their data scope or team, or a pool
 * customer when they see the pool. No principal: the service itself (restores, checks) sees all.
 */
export async function seesCustomer(
  m: EntityManager,
  customers: Customers,
  principal: Principal | undefined,
  match: Match,
) {
  if (!principal) return true
  if (!match.owner_id) return can(principal, 'sales.pool.read')
  const ctx = { actor: { id: principal.userId, name: null }, principal } as RecordContext
  return (await customers.find(m, match.id, ctx)) !== null
}

/**
 * 409 with a field error on `field` for the form. The existing customer is named (number, owner or
 * pool) only to a caller who may see it; anyone else learns just that the name is taken.
 */
export async function assertNameFree(
  m: EntityManager,
  customers: Customers,
  name: string,
  excludeId?: string,
  field = 'name',
  principal?: Principal,
) {
  const dup = await exactDuplicate(m, name, excludeId)
  if (!dup) return
  const errors = [fieldError(field, 'sales.customer.name_taken')]
  if (!(await seesCustomer(m, customers, principal, dup)))
    throw problem(409, 'sales.customer.name_taken', {}, { errors })
  const params = { name: dup.name, number: dup.number }
  if (!dup.owner_id) throw problem(409, 'sales.customer.name_taken_in_pool', params, { errors })
  throw problem(409, 'sales.customer.name_taken_by', { ...params, owner: dup.owner_name ?? null }, { errors })
}

/** The unique index's verdict, when two creates of one name raced past `assertNameFree`. */
export const nameTaken = (field: string) =>
  problem(409, 'sales.customer.name_taken', {}, { errors: [fieldError(field, 'sales.customer.name_taken')] })

/**
 * Exact and similar names for the form's hint, limited to what the caller may see: an exact match
 * outside it says only that the name is taken (`visible: false`); similar names outside it are left out.
 */
export async function duplicateCheck(
  m: EntityManager,
  customers: Customers,
  principal: Principal,
  name: string,
  excludeId?: string,
): Promise<sales.DuplicateCheck> {
  const exact = await exactDuplicate(m, name, excludeId)
  const qb = customers
    .repo(m)
    .createQueryBuilder('c')
    .select(['c.id', 'c.number', 'c.name', 'c.ownerName', 'c.ownerId'])
    .where('c.deleted_at IS NULL AND c.name ILIKE :q', { q: containsPattern(name.trim()) })
  if (excludeId) qb.andWhere('c.id <> :excludeId', { excludeId })
  if (exact) qb.andWhere('c.id <> :exactId', { exactId: exact.id })
  const scope = customers.scopeWhere(principal, 'c')
  if (scope) {
    const pool = can(principal, 'sales.pool.read') ? ' OR c.owner_id IS NULL' : ''
    qb.andWhere(`(${scope.sql}${pool})`, scope.params)
  }
  const similar = await qb.orderBy('length(c.name)').addOrderBy('c.name').limit(10).getMany()
  return {
    exact: !exact
      ? null
      : (await seesCustomer(m, customers, principal, exact))
        ? {
            visible: true,
            id: exact.id,
            number: exact.number,
            name: exact.name,
            ownerName: exact.owner_name,
            inPool: !exact.owner_id,
          }
        : { visible: false },
    similar: similar.map((s) => ({ id: s.id, number: s.number, name: s.name, ownerName: s.ownerName })),
  }
}
