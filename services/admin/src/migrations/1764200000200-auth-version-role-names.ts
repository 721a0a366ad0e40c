import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * `auth_version` on users: bumped when what their tokens say stops being true (disabled, deleted,
 * roles or scope changed, password reset); tokens carry it and older ones are refused.
 * Role names become unique among live roles. Existing duplicates keep the oldest name; later
 * ones get " (2)", " (3)"… (cut to fit 64 characters) so the index can be built without losing a role.
 */
export class AdminAuthVersionRoleNames1764200000200 implements MigrationInterface {
  name = 'AdminAuthVersionRoleNames1764200000200'

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE app_user ADD COLUMN auth_version int NOT NULL DEFAULT 0')
    await q.query(`
      WITH ranked AS (
        SELECT id, name, row_number() OVER (PARTITION BY lower(name) ORDER BY created_at, id) AS n
        FROM role WHERE deleted_at IS NULL
      )
      UPDATE role r SET name = left(ranked.name, 64 - length(' (' || ranked.n || ')')) || ' (' || ranked.n || ')'
      FROM ranked WHERE r.id = ranked.id AND ranked.n > 1`)
    await q.query('CREATE UNIQUE INDEX role_name_live_uq ON role (lower(name)) WHERE deleted_at IS NULL')
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX role_name_live_uq')
    await q.query('ALTER TABLE app_user DROP COLUMN auth_version')
  }
}
