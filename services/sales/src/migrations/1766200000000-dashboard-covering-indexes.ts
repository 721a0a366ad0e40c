import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * Index-only scans for the unscoped (admin) dashboard. Its twelve-month count of new customers
 * reads every owned customer created in the window: the owner index carries `created_at` but leads
 * with `owner_id`, so the whole index was walked; this one is the window's range and nothing else.
 * The funnel sums the expected amount of open and closing opportunities by stage: a sequential
 * scan of the table before, now read from the index alone.
 */
export class SalesDashboardCoveringIndexes1766200000000 implements MigrationInterface {
  name = 'SalesDashboardCoveringIndexes1766200000000'

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX customer_owned_created_idx ON customer (created_at)
         WHERE deleted_at IS NULL AND owner_id IS NOT NULL`,
    )
    await q.query(
      `CREATE INDEX opportunity_open_stage_idx ON opportunity (stage) INCLUDE (expected_amount)
         WHERE deleted_at IS NULL AND status IN ('open', 'closing')`,
    )
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX opportunity_open_stage_idx')
    await q.query('DROP INDEX customer_owned_created_idx')
  }
}
