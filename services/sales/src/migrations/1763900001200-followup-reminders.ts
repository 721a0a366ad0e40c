import type { MigrationInterface, QueryRunner } from 'typeorm'

/** One row per reminder sent, so a follow-up falling due is announced exactly once. */
export class SalesFollowUpReminders1763900001200 implements MigrationInterface {
  name = 'SalesFollowUpReminders1763900001200'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE followup_reminder (
        entity_type varchar(20) NOT NULL,
        entity_id uuid NOT NULL,
        due_at timestamptz NOT NULL,
        owner_id uuid NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (entity_type, entity_id, due_at)
      )`)
    for (const table of ['customer', 'lead', 'opportunity']) {
      await q.query(
        `CREATE INDEX ${table}_next_followup_idx ON ${table} (next_followup_at)
         WHERE deleted_at IS NULL AND owner_id IS NOT NULL AND next_followup_at IS NOT NULL`,
      )
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['customer', 'lead', 'opportunity'])
      await q.query(`DROP INDEX ${table}_next_followup_idx`)
    await q.query('DROP TABLE followup_reminder')
  }
}
