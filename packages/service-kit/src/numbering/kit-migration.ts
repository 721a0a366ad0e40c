import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * Tables a service needs to apply admin's rules locally: its document number counters and its
 * replica of the rules themselves (so it keeps numbering and closing while admin is down).
 */
export class KitRuleTables1763900000100 implements MigrationInterface {
  name = 'KitRuleTables1763900000100'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE number_sequence (
        doc_type varchar(40) NOT NULL,
        period varchar(16) NOT NULL,
        last_value bigint NOT NULL,
        PRIMARY KEY (doc_type, period)
      )`)
    await q.query(`
      CREATE TABLE rule_replica (
        kind varchar(20) NOT NULL,
        key varchar(60) NOT NULL,
        version int NOT NULL,
        payload jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, key)
      )`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE rule_replica')
    await q.query('DROP TABLE number_sequence')
  }
}
