import type { EntityManager } from 'typeorm'
import { conflict, containsPattern } from '@mosaic/service-kit'
import type { sales } from '@mosaic/schemas'

/**
 * The duplicate-name key, computed by Postgres exactly as the generated `customer.name_key`
 * column is (lower case, no whitespace — full-width spaces included), so both always agree.
 */
export const NAME_KEY_SQL = (expr: string) => `lower(regexp_replace(${expr}, '[[:space:]\u3000]', '', 'g'))`

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

/** 409 naming the existing customer, with a field error on `field` for the form. */
export async function assertNameFree(m: EntityManager, name: string, excludeId?: string, field = 'name') {
  const dup = await exactDuplicate(m, name, excludeId)
  if (!dup) return
  const where = dup.owner_id ? `owned by ${dup.owner_name ?? 'another user'}` : 'in the public pool'
  throw conflict(`A customer with this name already exists: ${dup.name} (${dup.number}), ${where}.`, [
    { field, message: 'A customer with this name already exists' },
  ])
}

export async function duplicateCheck(
  m: EntityManager,
  name: string,
  excludeId?: string,
): Promise<sales.DuplicateCheck> {
  const exact = await exactDuplicate(m, name, excludeId)
  const similar: Match[] = await m.query(
    `SELECT id, number, name, owner_name, owner_id FROM customer
     WHERE deleted_at IS NULL AND name ILIKE $1 AND ($2::uuid IS NULL OR id <> $2) AND id <> $3::uuid
     ORDER BY length(name), name LIMIT 10`,
    [containsPattern(name.trim()), excludeId ?? null, exact?.id ?? '00000000-0000-0000-0000-000000000000'],
  )
  return {
    exact: exact
      ? {
          id: exact.id,
          number: exact.number,
          name: exact.name,
          ownerName: exact.owner_name,
          inPool: !exact.owner_id,
        }
      : null,
    similar: similar.map((s) => ({ id: s.id, number: s.number, name: s.name, ownerName: s.owner_name })),
  }
}
