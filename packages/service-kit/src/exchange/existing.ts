import type { EntityManager } from 'typeorm'
import type { AggregateContext } from '../records/aggregate.js'
import type { RecordBase } from '../records/columns.js'
import type { RecordStore } from '../records/record-store.js'
import { keyOf, normaliseKey, type Existing } from './spec.js'

/**
 * Turns the rows a list's business-key query found into `findExisting`'s answer: rows the caller
 * may edit are matches; others are left out (`outside: 'ignore'`: the import creates its own) or
 * refused (`'refuse'`: the key is unique service-wide, e.g. a customer's name). `compare` is how
 * the list itself compares a key part (a customer name ignores inner spaces); one access query.
 */
export async function existingMatches<T extends RecordBase>(
  m: EntityManager,
  ctx: AggregateContext,
  store: RecordStore<T>,
  rows: readonly T[],
  o: {
    keys: readonly string[][]
    keyOf: (row: T) => readonly string[]
    outside: 'ignore' | 'refuse'
    compare?: (part: string) => string
  },
): Promise<Map<string, Existing>> {
  const compare = (parts: readonly string[]) => keyOf(parts.map((p) => (o.compare ?? normaliseKey)(p)))
  const access = await store.accessMap(m, ctx.principal, [...rows])
  const byKey = new Map<string, Existing>()
  for (const row of rows) {
    const level = access.get(row.id)
    const writable = level === 'scope' || level === 'write'
    if (!writable && o.outside === 'ignore') continue
    byKey.set(compare(o.keyOf(row)), { id: row.id, version: row.version, writable })
  }
  const found = new Map<string, Existing>()
  for (const key of o.keys) {
    const match = byKey.get(compare(key))
    if (match) found.set(keyOf(key), match)
  }
  return found
}
