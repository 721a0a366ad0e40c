import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * Import batches (导入批次) and what each wrote. The parsed rows are kept as one jsonb array of
 * `[line, ...cells]` (100k rows read and written in one statement); `import_batch_entry` holds one
 * line per record created or updated, with the versions an undo needs.
 */
export class KitImportTables1766500000000 implements MigrationInterface {
  name = 'KitImportTables1766500000000'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE import_batch (
        id uuid PRIMARY KEY,
        resource varchar(60) NOT NULL,
        file_name varchar(200) NOT NULL,
        format varchar(10) NOT NULL,
        status varchar(20) NOT NULL,
        headers jsonb NOT NULL,
        rows jsonb NOT NULL,
        mapping jsonb NOT NULL DEFAULT '{}'::jsonb,
        duplicates varchar(10) NOT NULL DEFAULT 'skip',
        total int NOT NULL,
        processed int NOT NULL DEFAULT 0,
        created int NOT NULL DEFAULT 0,
        updated int NOT NULL DEFAULT 0,
        skipped int NOT NULL DEFAULT 0,
        errors jsonb NOT NULL DEFAULT '[]'::jsonb,
        error_count int NOT NULL DEFAULT 0,
        created_by uuid NULL,
        created_by_name varchar(100) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz NULL,
        undone_at timestamptz NULL,
        undone_by uuid NULL,
        undone_by_name varchar(100) NULL
      )`)
    await q.query('CREATE INDEX import_batch_list_idx ON import_batch (resource, created_at DESC)')
    await q.query(`
      CREATE TABLE import_batch_entry (
        batch_id uuid NOT NULL REFERENCES import_batch (id) ON DELETE CASCADE,
        record_id uuid NOT NULL,
        line int NOT NULL,
        outcome varchar(10) NOT NULL,
        version_before int NULL,
        version_after int NOT NULL,
        PRIMARY KEY (batch_id, record_id)
      )`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE import_batch_entry')
    await q.query('DROP TABLE import_batch')
  }
}
