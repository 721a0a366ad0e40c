import type { MigrationInterface, QueryRunner } from 'typeorm'

/** Tables every service has for events: its outbox, one delivery row per subscriber, its inbox. */
export class KitEventTables1763900000000 implements MigrationInterface {
  name = 'KitEventTables1763900000000'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox_event (
        id uuid PRIMARY KEY,
        -- Commit order is unknowable, insert order is the best "oldest first" there is.
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        topic varchar(120) NOT NULL,
        actor_id uuid NULL,
        payload jsonb NOT NULL,
        notify jsonb NOT NULL DEFAULT '[]'::jsonb,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        fanned_out boolean NOT NULL DEFAULT false
      )`)
    await q.query('CREATE INDEX outbox_event_unfanned_idx ON outbox_event (seq) WHERE NOT fanned_out')
    await q.query(`
      CREATE TABLE outbox_delivery (
        event_id uuid NOT NULL REFERENCES outbox_event (id) ON DELETE CASCADE,
        subscriber varchar(40) NOT NULL,
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz NULL,
        last_error text NULL,
        PRIMARY KEY (event_id, subscriber)
      )`)
    await q.query(
      'CREATE INDEX outbox_delivery_due_idx ON outbox_delivery (next_attempt_at) WHERE delivered_at IS NULL',
    )
    await q.query(`
      CREATE TABLE inbox_event (
        event_id uuid PRIMARY KEY,
        source varchar(40) NOT NULL,
        topic varchar(120) NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE inbox_event')
    await q.query('DROP TABLE outbox_delivery')
    await q.query('DROP TABLE outbox_event')
  }
}
