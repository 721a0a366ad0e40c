import type { MigrationInterface, QueryRunner } from 'typeorm'

/** The user replica learns admin's auth version, so every service can refuse outdated tokens. */
export class KitUserAuthVersion1764200000100 implements MigrationInterface {
  name = 'KitUserAuthVersion1764200000100'

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE user_replica ADD COLUMN auth_version int NOT NULL DEFAULT 0')
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE user_replica DROP COLUMN auth_version')
  }
}
