import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * The public pool's own bookkeeping. `pool_event` is what the limits count (claims per day) and
 * what makes warnings go out once; the customer's audit trail remains the record of what happened.
 */
export class SalesPool1763900001100 implements MigrationInterface {
  name = 'SalesPool1763900001100'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pool_event (
        id uuid PRIMARY KEY,
        -- Purging a customer purges its pool history with it (the audit trail keeps the story).
        customer_id uuid NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
        -- Claimer, assignee, releasing/recycled owner, or warned owner.
        user_id uuid NULL,
        actor_id uuid NULL,
        action varchar(10) NOT NULL CHECK (action IN ('claim', 'assign', 'release', 'recycle', 'warn')),
        at timestamptz NOT NULL DEFAULT now(),
        reason varchar(500) NULL,
        -- On 'warn': the recycling moment warned about, so each pending recycling is announced once.
        due_at timestamptz NULL
      )`)
    await q.query('CREATE INDEX pool_event_user_idx ON pool_event (user_id, action, at)')
    await q.query('CREATE INDEX pool_event_customer_idx ON pool_event (customer_id, at)')
    await q.query(
      `CREATE UNIQUE INDEX pool_event_warn_once ON pool_event (customer_id, user_id, due_at)
       WHERE action = 'warn'`,
    )
    // The pool list (newest first) and the recycling scan read only these slices of the customers.
    await q.query(
      `CREATE INDEX customer_pool_list_idx ON customer (created_at DESC, id DESC)
       WHERE owner_id IS NULL AND deleted_at IS NULL`,
    )
    await q.query(
      `CREATE INDEX customer_recycle_scan_idx ON customer (owner_id, owner_since)
       WHERE owner_id IS NOT NULL AND deleted_at IS NULL AND NOT locked AND deal_status = 'undealt'`,
    )
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX customer_recycle_scan_idx')
    await q.query('DROP INDEX customer_pool_list_idx')
    await q.query('DROP TABLE pool_event')
  }
}
