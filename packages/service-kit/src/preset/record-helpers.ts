import type { EntityManager } from 'typeorm'
import type { Principal } from '@mosaic/permissions'
import type { RecordBase } from '../records/columns.js'
import { recordContext } from '../records/record-routes.js'
import type { RecordStore } from '../records/record-store.js'
import type { RecordContext } from '../records/record-type.js'
import type { AccessLevel } from '../records/access.js'
import type { Dictionaries } from './dictionaries.js'

/** What a domain service's rules need besides the transaction: dictionaries and the business time zone. */
export interface DomainDeps {
  dicts: Dictionaries
  timeZone: string
}

/** The same caller without a principal: for derived changes the rule itself makes (deal status, times). */
export function systemContext(ctx: RecordContext): RecordContext {
  return { actor: ctx.actor, requestId: ctx.requestId }
}

/** How the caller relates to each row, for the `access` field of the API shapes. */
export async function accessLevels<T extends RecordBase>(
  m: EntityManager,
  store: RecordStore<T>,
  ctx: RecordContext | undefined,
  rows: T[],
): Promise<(id: string) => AccessLevel> {
  if (!ctx?.principal) return () => 'scope'
  const map = await store.accessMap(m, ctx.principal, rows)
  return (id) => map.get(id) ?? 'scope'
}

/** A page presenter for an API shape that carries the caller's `access`: one access lookup for all the rows. */
export function presentWithAccess<T extends RecordBase, Item>(
  store: RecordStore<T>,
  present: (row: T, access: AccessLevel) => Item,
) {
  return async (m: EntityManager, ctx: RecordContext | undefined, rows: T[]): Promise<Item[]> => {
    const access = await accessLevels(m, store, ctx, rows)
    return rows.map((r) => present(r, access(r.id)))
  }
}

/** Field errors of a nested input (lead conversion) carry the part's name: `customer.name`. */
export const fieldPath = (prefix: string | undefined, field: string) =>
  prefix ? `${prefix}.${field}` : field

/** A patch without the keys the client left out (an explicit null stays: it clears the field). */
export function definedOnly<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<T>
}

/** A request's context: always with the caller's principal. */
export type CallerContext = RecordContext & { principal: Principal }

export const callerContext = (principal: Principal, requestId?: string): CallerContext => ({
  ...recordContext(principal, requestId),
  principal,
})

/** Rows of an UPDATE … RETURNING: TypeORM answers UPDATE/DELETE with [rows, affectedCount]. */
export async function updateReturning<R>(m: EntityManager, sql: string, params: unknown[]): Promise<R[]> {
  const result = await m.query(sql, params)
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as R[]
}
