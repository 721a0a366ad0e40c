import type { MigrationInterface, QueryRunner } from 'typeorm'
import { BIGRAMS_FUNCTION_SQL, bigramIndexSql } from '@mosaic/service-kit'

const live = 'WHERE deleted_at IS NULL'

/**
 * Lists at a million rows: every filter and search a list offers has an index. Two-character
 * names (华鑫) through bigram GIN indexes (pg_trgm needs three characters), codes typed from their
 * start (KH2025…) through a btree prefix index, the locked filter through its own index.
 */
export class SalesListIndexes1764500000000 implements MigrationInterface {
  name = 'SalesListIndexes1764500000000'

  async up(q: QueryRunner): Promise<void> {
    await q.query(BIGRAMS_FUNCTION_SQL)
    for (const table of ['customer', 'lead', 'contact', 'opportunity']) {
      await q.query(bigramIndexSql(table, 'name'))
    }
    await q.query(bigramIndexSql('followup', 'customer_name'))
    // As first built (SalesListOrderIndexes replaces it with the kit's current numberPrefixIndexSql).
    for (const table of ['customer', 'lead']) {
      await q.query(`CREATE INDEX ${table}_number_prefix ON ${table} (upper(number) text_pattern_ops)`)
    }
    await q.query(`CREATE INDEX customer_locked_idx ON customer (locked, created_at DESC) ${live}`)
    // Statistics for the new index expressions (upper(number), kit_bigrams(name)): without them the
    // planner guesses their selectivity until autovacuum's next ANALYZE.
    await q.query('ANALYZE customer, lead, contact, opportunity, followup')
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX customer_locked_idx')
    for (const table of ['customer', 'lead']) await q.query(`DROP INDEX ${table}_number_prefix`)
    await q.query('DROP INDEX followup_customer_name_bigram')
    for (const table of ['customer', 'lead', 'contact', 'opportunity']) {
      await q.query(`DROP INDEX ${table}_name_bigram`)
    }
    await q.query('DROP FUNCTION kit_bigrams(text)')
  }
}
