import type { MigrationInterface, QueryRunner } from 'typeorm'

const live = 'WHERE deleted_at IS NULL'

/**
 * The dashboard counts follow-ups per month of their contact time within the caller's scope
 * (owner, department): each scope branch gets its own range index on `contacted_at`. Customers and
 * opportunities count by `created_at`, which their owner and department indexes already lead with.
 */
export class SalesDashboardIndexes1766100000000 implements MigrationInterface {
  name = 'SalesDashboardIndexes1766100000000'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX followup_owner_contacted_idx ON followup (owner_id, contacted_at) ${live}`)
    await q.query(`CREATE INDEX followup_dept_contacted_idx ON followup (dept_id, contacted_at) ${live}`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX followup_dept_contacted_idx')
    await q.query('DROP INDEX followup_owner_contacted_idx')
  }
}
