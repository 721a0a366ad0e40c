import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * Idempotency keys (decision 79): one row per (route + caller, key) with the hash of the request
 * it was first used with and the answer given, written in the transaction of the write itself.
 */
export class KitIdempotencyKeys1766000100000 implements MigrationInterface {
  name = 'KitIdempotencyKeys1766000100000'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_key (
        scope varchar(200) NOT NULL,
        key varchar(128) NOT NULL,
        request_hash char(64) NOT NULL,
        status int NOT NULL,
        response jsonb NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key)
      )`)
    // The expiry sweep: oldest first.
    await q.query('CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at)')
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE idempotency_key')
  }
}
