import type { MigrationInterface, QueryRunner } from 'typeorm'
import { numberPrefixIndexSql } from '@mosaic/service-kit'

const live = 'WHERE deleted_at IS NULL'
const OWNED = ['customer', 'lead', 'contact', 'opportunity', 'followup']
const ownerIndex = (table: string) => (table === 'contact' ? 'contact_owner_idx' : `${table}_owner_id_idx`)

/**
 * Indexes that hand a list's rows out in its order, so a page reads 20 rows instead of sorting every
 * match (kit `keysetPage` pages a scope's alternatives branch by branch):
 * - an owner's records newest first, ids included: a rep's own branch is an index walk and its
 *   count an index-only scan;
 * - numbers by prefix in C collation: a code search lists newest number first from the index.
 */
export class SalesListOrderIndexes1764700000000 implements MigrationInterface {
  name = 'SalesListOrderIndexes1764700000000'

  async up(q: QueryRunner): Promise<void> {
    for (const table of OWNED) {
      await q.query(`DROP INDEX ${ownerIndex(table)}`)
      await q.query(
        `CREATE INDEX ${ownerIndex(table)} ON ${table} (owner_id, created_at DESC, id DESC) ${live}`,
      )
    }
    for (const table of ['customer', 'lead']) {
      await q.query(`DROP INDEX ${table}_number_prefix`)
      await q.query(numberPrefixIndexSql(table, 'number'))
    }
    await q.query(`ANALYZE ${OWNED.join(', ')}`)
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['customer', 'lead']) {
      await q.query(`DROP INDEX ${table}_number_prefix`)
      await q.query(`CREATE INDEX ${table}_number_prefix ON ${table} (upper(number) text_pattern_ops)`)
    }
    for (const table of OWNED) {
      await q.query(`DROP INDEX ${ownerIndex(table)}`)
      const columns = table === 'contact' ? 'owner_id' : 'owner_id, created_at DESC'
      await q.query(`CREATE INDEX ${ownerIndex(table)} ON ${table} (${columns}) ${live}`)
    }
  }
}
