import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * `directory_name` (id → display name) over admin's own users, departments and roles: audit and
 * version answers name the ids their diffs refer to with it (see `namesOf` in the kit). Deleted
 * records keep their names — old history still refers to them.
 */
export class AdminDirectoryNames1764400000100 implements MigrationInterface {
  name = 'AdminDirectoryNames1764400000100'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE VIEW directory_name AS
        SELECT id, display_name AS name FROM app_user
        UNION ALL SELECT id, name FROM dept
        UNION ALL SELECT id, name FROM role`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP VIEW directory_name')
  }
}
