import type { MigrationInterface, QueryRunner } from 'typeorm'
import { RECORD_COLUMNS_SQL } from '@mosaic/service-kit'

/** Business rules administrators configure: document numbering, closure and the public pool. */
export class AdminRules1763900000200 implements MigrationInterface {
  name = 'AdminRules1763900000200'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE number_rule (${RECORD_COLUMNS_SQL},
        doc_type varchar(20) NOT NULL,
        prefix varchar(12) NOT NULL DEFAULT '',
        date_pattern varchar(10) NOT NULL,
        width int NOT NULL,
        reset_period varchar(10) NOT NULL,
        enabled boolean NOT NULL DEFAULT true
      )`)
    // One live rule per document type; a deleted one may wait in the recycle bin beside its successor.
    await q.query(
      'CREATE UNIQUE INDEX number_rule_doc_type_uq ON number_rule (doc_type) WHERE deleted_at IS NULL',
    )
    await q.query(`
      CREATE TABLE closure_rule (${RECORD_COLUMNS_SQL},
        doc_type varchar(20) NOT NULL,
        required_fields jsonb NOT NULL DEFAULT '[]'::jsonb,
        lock_on_close boolean NOT NULL DEFAULT true,
        reopen_roles jsonb NOT NULL DEFAULT '[]'::jsonb,
        reopen_within_days int NULL,
        modify_closed_roles jsonb NOT NULL DEFAULT '[]'::jsonb,
        approval_required boolean NOT NULL DEFAULT false,
        enabled boolean NOT NULL DEFAULT true
      )`)
    await q.query('CREATE UNIQUE INDEX closure_rule_doc_type_uq ON closure_rule (doc_type)')
    await q.query(`
      CREATE TABLE pool_rule (${RECORD_COLUMNS_SQL},
        enabled boolean NOT NULL DEFAULT true,
        no_followup_days int NULL,
        no_deal_days int NULL,
        level_overrides jsonb NOT NULL DEFAULT '{}'::jsonb,
        warn_days_ahead int NOT NULL DEFAULT 0,
        owned_limit int NULL,
        locked_limit int NULL,
        user_limits jsonb NOT NULL DEFAULT '[]'::jsonb,
        dept_limits jsonb NOT NULL DEFAULT '[]'::jsonb,
        claims_per_day int NULL,
        reclaim_cooldown_days int NULL
      )`)
    // The pool rule is one record per installation; a constant index key allows a single row.
    await q.query('CREATE UNIQUE INDEX pool_rule_single_uq ON pool_rule ((true))')
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE pool_rule')
    await q.query('DROP TABLE closure_rule')
    await q.query('DROP TABLE number_rule')
  }
}
