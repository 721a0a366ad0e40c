import type { EntityManager, MigrationInterface, QueryRunner } from 'typeorm'
import type { DeptChangedPayload } from '@mosaic/schemas'

/** Stores the department unless the replica holds this version or a newer one; returns whether it applied. */
export async function upsertDeptReplica(m: EntityManager, dept: DeptChangedPayload): Promise<boolean> {
  const rows = await m.query(
    `INSERT INTO dept_replica (id, name, parent_id, version, deleted, updated_at)
     VALUES ($1, $2, $3, $4, $5, now())
     ON CONFLICT (id) DO UPDATE SET
       name = EXCLUDED.name, parent_id = EXCLUDED.parent_id, version = EXCLUDED.version,
       deleted = EXCLUDED.deleted, updated_at = EXCLUDED.updated_at
     WHERE dept_replica.version < EXCLUDED.version
     RETURNING id`,
    [dept.id, dept.name, dept.parentId, dept.version, dept.deleted ?? false],
  )
  return rows.length === 1
}

/**
 * The replica of admin's departments (fed by `admin.dept.changed`), and the `directory_name` view
 * (id → display name of every user and department the service knows) that audit and version
 * answers resolve their ids with. Deleted ones keep their name: old records still refer to them.
 */
export class KitDeptReplica1764400000000 implements MigrationInterface {
  name = 'KitDeptReplica1764400000000'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dept_replica (
        id uuid PRIMARY KEY,
        name varchar(100) NOT NULL,
        parent_id uuid NULL,
        version int NOT NULL,
        deleted boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`)
    await q.query(`
      CREATE VIEW directory_name AS
        SELECT id, display_name AS name FROM user_replica
        UNION ALL SELECT id, name FROM dept_replica`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP VIEW directory_name')
    await q.query('DROP TABLE dept_replica')
  }
}
