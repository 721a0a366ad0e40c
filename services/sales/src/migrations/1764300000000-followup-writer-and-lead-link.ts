import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * Follow-ups name their writer (`created_by` was already kept; its display name was not: null for
 * older rows, which show no writer rather than a guessed one). A converted customer keeps its lead's
 * number, so it can say "converted from lead L-…" without reading the lead (which may be out of scope).
 */
export class SalesFollowUpWriterLeadLink1764300000000 implements MigrationInterface {
  name = 'SalesFollowUpWriterLeadLink1764300000000'

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE followup ADD COLUMN created_by_name varchar(100) NULL')
    await q.query('ALTER TABLE customer ADD COLUMN lead_number varchar(40) NULL')
    await q.query(
      'UPDATE customer c SET lead_number = l.number FROM lead l WHERE c.lead_id = l.id AND c.lead_number IS NULL',
    )
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE customer DROP COLUMN lead_number')
    await q.query('ALTER TABLE followup DROP COLUMN created_by_name')
  }
}
