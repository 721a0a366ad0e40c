import type { MigrationInterface, QueryRunner } from 'typeorm'

export class Notifications1763900000300 implements MigrationInterface {
  name = 'Notifications1763900000300'

  async up(q: QueryRunner): Promise<void> {
    // No foreign key to app_user: a purged user's notifications go with nobody, and the insert
    // already joins app_user to skip unknown and disabled recipients.
    await q.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL,
        kind varchar(40) NOT NULL,
        title jsonb NOT NULL,
        body jsonb NULL,
        link varchar(300) NULL,
        entity_type varchar(60) NULL,
        entity_id varchar(60) NULL,
        source varchar(40) NULL,
        source_event uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz NULL
      )`)
    // A redelivered event (inbox lost its record, or a replay) never notifies the same user twice.
    await q.query('CREATE UNIQUE INDEX notification_event_user_uq ON notification (source_event, user_id)')
    await q.query('CREATE INDEX notification_user_idx ON notification (user_id, created_at DESC, id DESC)')
    // The bell asks for the unread count every 30 s per signed-in user: keep it an index-only scan.
    await q.query(
      'CREATE INDEX notification_unread_idx ON notification (user_id, created_at DESC, id DESC) WHERE read_at IS NULL',
    )
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE notification')
  }
}
