import type { MigrationInterface, QueryRunner } from 'typeorm'

/** Tables every service has: its audit trail and record version snapshots. */
export class KitRecordTables1763800000000 implements MigrationInterface {
  name = 'KitRecordTables1763800000000'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log (
        id uuid PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_id uuid NULL,
        actor_name varchar(100) NULL,
        action varchar(40) NOT NULL,
        entity_type varchar(60) NOT NULL,
        entity_id varchar(60) NOT NULL,
        -- The record's label when the row was written, so the trail stays readable after renames and purges.
        entity_title varchar(200) NULL,
        diff jsonb NOT NULL DEFAULT '{}'::jsonb,
        note text NULL,
        request_id varchar(64) NULL
      )`)
    await q.query('CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, seq DESC)')
    await q.query('CREATE INDEX audit_log_at_idx ON audit_log (at DESC)')
    await q.query('CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, seq DESC)')
    // Append-only is enforced by the database, not by convention.
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`)
    await q.query(`
      CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`)
    await q.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`)
    await q.query(`
      CREATE TABLE record_version (
        entity_type varchar(60) NOT NULL,
        entity_id uuid NOT NULL,
        version int NOT NULL,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_id uuid NULL,
        actor_name varchar(100) NULL,
        action varchar(40) NOT NULL,
        snapshot jsonb NOT NULL,
        PRIMARY KEY (entity_type, entity_id, version)
      )`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE record_version')
    await q.query('DROP TRIGGER audit_log_no_truncate ON audit_log')
    await q.query('DROP TRIGGER audit_log_no_change ON audit_log')
    await q.query('DROP FUNCTION audit_log_append_only')
    await q.query('DROP TABLE audit_log')
  }
}
