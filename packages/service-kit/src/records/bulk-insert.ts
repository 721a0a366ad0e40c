import type { ObjectLiteral, Repository } from 'typeorm'
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js'

/** Column types sent as one typed array each; anything else (enums, arrays) takes TypeORM's insert. */
const ARRAY_TYPES = new Set([
  'uuid',
  'character varying',
  'text',
  'integer',
  'bigint',
  'smallint',
  'numeric',
  'boolean',
  'date',
  'timestamp with time zone',
  'timestamp without time zone',
  'jsonb',
  'json',
])

/**
 * Inserts `rows` of `entity` in one statement, `INSERT … SELECT * FROM unnest($1::type[], …)`: one
 * array parameter per column whatever the number of rows. TypeORM's multi-row insert binds rows ×
 * columns parameters and spends most of a 1,000-row import chunk building them. Columns the
 * database fills (generated, or left undefined in every row) come back into the rows by RETURNING,
 * as TypeORM's insert does. Falls back to TypeORM's insert for a shape it cannot send as arrays.
 */
export async function insertRows<T extends ObjectLiteral>(repo: Repository<T>, rows: T[]): Promise<void> {
  const m = repo.manager
  const { driver } = m.connection
  const stored = repo.metadata.columns.filter((c) => !c.isVirtual && !c.isVirtualProperty)
  const given = stored.filter((c) => !c.generatedType && rows.some((r) => c.getEntityValue(r) !== undefined))
  const typeOf = (c: ColumnMetadata) => driver.normalizeType(c)
  const sendable =
    given.every((c) => ARRAY_TYPES.has(typeOf(c)) && !c.isArray) &&
    given.every((c) => rows.every((r) => c.getEntityValue(r) !== undefined))
  if (!sendable) return void (await repo.insert(rows as never))
  const filled = stored.filter((c) => !given.includes(c))
  const name = (c: ColumnMetadata) => driver.escape(c.databaseName)
  const arrays = given.map((c, i) => `$${i + 1}::${typeOf(c)}[]`)
  const returning = filled.length ? ` RETURNING ${filled.map(name).join(', ')}` : ''
  const result: unknown = await m.query(
    `INSERT INTO ${driver.escape(repo.metadata.tableName)} (${given.map(name).join(', ')})
     SELECT * FROM unnest(${arrays.join(', ')})${returning}`,
    given.map((c) => rows.map((r) => driver.preparePersistentValue(c.getEntityValue(r), c))),
  )
  if (!filled.length) return
  // The driver answers an INSERT … RETURNING with its rows (node-postgres: [rows, count]).
  const returned = (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as ObjectLiteral[]
  for (const [i, row] of rows.entries())
    for (const c of filled)
      c.setEntityValue(row, driver.prepareHydratedValue(returned[i]![c.databaseName], c))
}
