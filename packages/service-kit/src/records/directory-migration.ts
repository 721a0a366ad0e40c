import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * Tables every service that shares records has: team members (协作人) of any record type, and the
 * replica of admin's users (owner names, pickers, per-department limits) fed by `admin.user.*` events.
 */
export class KitDirectoryTables1763900000200 implements MigrationInterface {
  name = 'KitDirectoryTables1763900000200'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE team_member (
        entity_type varchar(60) NOT NULL,
        entity_id uuid NOT NULL,
        user_id uuid NOT NULL,
        user_name varchar(100) NOT NULL,
        access varchar(5) NOT NULL CHECK (access IN ('read', 'write')),
        added_at timestamptz NOT NULL DEFAULT now(),
        -- The adder's display name, as the team list shows it; the audit row keeps the id.
        added_by varchar(100) NULL,
        PRIMARY KEY (entity_type, entity_id, user_id)
      )`)
    // "Shared with me" lists and the scope filter's EXISTS probe start from the user.
    await q.query('CREATE INDEX team_member_user_idx ON team_member (user_id, entity_type)')
    await q.query(`
      CREATE TABLE user_replica (
        id uuid PRIMARY KEY,
        username varchar(32) NOT NULL,
        display_name varchar(100) NOT NULL,
        dept_id uuid NULL,
        enabled boolean NOT NULL,
        version int NOT NULL,
        deleted boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`)
    await q.query('CREATE INDEX user_replica_dept_idx ON user_replica (dept_id) WHERE NOT deleted')
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE user_replica')
    await q.query('DROP TABLE team_member')
  }
}
