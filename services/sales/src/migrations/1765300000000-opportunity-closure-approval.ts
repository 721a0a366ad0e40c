import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * A close the closure rule sends to approval: the opportunity waits as `closing` with the requested
 * close and the request id of the submission it waits on (decision 64).
 */
export class SalesOpportunityClosureApproval1765300000000 implements MigrationInterface {
  name = 'SalesOpportunityClosureApproval1765300000000'

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE opportunity DROP CONSTRAINT IF EXISTS opportunity_status_check')
    await q.query(`ALTER TABLE opportunity ADD CONSTRAINT opportunity_status_check
      CHECK (status IN ('open', 'closing', 'won', 'lost', 'invalid'))`)
    await q.query('ALTER TABLE opportunity ADD COLUMN pending_closure jsonb NULL')
    await q.query('ALTER TABLE opportunity ADD COLUMN approval_request_id uuid NULL')
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE opportunity SET status = 'open' WHERE status = 'closing'`)
    await q.query('ALTER TABLE opportunity DROP COLUMN approval_request_id')
    await q.query('ALTER TABLE opportunity DROP COLUMN pending_closure')
    await q.query('ALTER TABLE opportunity DROP CONSTRAINT opportunity_status_check')
    await q.query(`ALTER TABLE opportunity ADD CONSTRAINT opportunity_status_check
      CHECK (status IN ('open', 'won', 'lost', 'invalid'))`)
  }
}
