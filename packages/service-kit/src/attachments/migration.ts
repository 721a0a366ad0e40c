import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * Uploaded files of a service: what was stored (name, type, size, digest) and where. Records
 * reference attachments by id; the bytes live in the service's storage adapter.
 */
export class KitAttachmentTables1763900000300 implements MigrationInterface {
  name = 'KitAttachmentTables1763900000300'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE attachment (
        id uuid PRIMARY KEY,
        name varchar(200) NOT NULL,
        content_type varchar(100) NOT NULL,
        size bigint NOT NULL CHECK (size >= 0),
        sha256 char(64) NOT NULL,
        storage_key varchar(300) NOT NULL UNIQUE,
        created_by uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`)
    // A clean-up of files no record references would walk uploads by age.
    await q.query('CREATE INDEX attachment_created_at_idx ON attachment (created_at)')
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE attachment')
  }
}
