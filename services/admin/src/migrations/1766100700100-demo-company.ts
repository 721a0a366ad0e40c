import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * The demo company loader's bookkeeping (decision 115): one row for the load, one per step with its
 * progress, and one per item it made (`key` is the item's business key, `ref` what it made once
 * finished — null while an attempt's outcome is unknown, so a resumed load looks it up first).
 */
export class AdminDemoCompany1766100700100 implements MigrationInterface {
  name = 'AdminDemoCompany1766100700100'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE demo_load (
        id int PRIMARY KEY CHECK (id = 1),
        state varchar(16) NOT NULL,
        started_at timestamptz NULL,
        finished_at timestamptz NULL,
        error_code varchar(100) NULL,
        error text NULL
      )`)
    await q.query(`
      CREATE TABLE demo_step (
        key varchar(40) PRIMARY KEY,
        seq int NOT NULL,
        done int NOT NULL DEFAULT 0,
        total int NOT NULL DEFAULT 0,
        finished_at timestamptz NULL
      )`)
    await q.query(`
      CREATE TABLE demo_item (
        key varchar(80) PRIMARY KEY,
        ref jsonb NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE demo_item')
    await q.query('DROP TABLE demo_step')
    await q.query('DROP TABLE demo_load')
  }
}
