import type { MigrationInterface, QueryRunner } from 'typeorm'
import {
  BIGRAMS_FUNCTION_SQL,
  bigramIndexSql,
  numberPrefixIndexSql,
  RECORD_COLUMNS_SQL,
} from '@mosaic/service-kit'

const live = 'WHERE deleted_at IS NULL'
const newest = 'created_at DESC, id DESC'

/**
 * Tickets (工单) with their processing log and the one row of SLA settings (SPEC §3.1). Every list
 * filter has an index ending in the newest-first order; the keyword search (number prefix, title
 * and customer name by bigrams) uses the kit's search indexes.
 */
export class TicketsSchema1767000000000 implements MigrationInterface {
  name = 'TicketsSchema1767000000000'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ticket (${RECORD_COLUMNS_SQL},
        number varchar(40) NOT NULL,
        type varchar(40) NOT NULL,
        priority varchar(40) NOT NULL,
        status varchar(20) NOT NULL,
        channel varchar(20) NOT NULL,
        customer_id uuid NOT NULL,
        customer_name varchar(200) NOT NULL,
        contact_id uuid NULL,
        contact_name varchar(100) NULL,
        contract_id uuid NULL,
        contract_number varchar(40) NULL,
        order_id uuid NULL,
        order_number varchar(40) NULL,
        title varchar(200) NOT NULL,
        description text NOT NULL,
        assignee_id uuid NULL,
        assignee_name varchar(100) NULL,
        dept_id uuid NULL,
        response_due_at timestamptz NULL,
        resolution_due_at timestamptz NULL,
        responded_at timestamptz NULL,
        resolved_at timestamptz NULL,
        closed_at timestamptz NULL,
        response_breached boolean NOT NULL DEFAULT false,
        resolution_breached boolean NOT NULL DEFAULT false,
        response_breach_told boolean NOT NULL DEFAULT false,
        resolution_breach_told boolean NOT NULL DEFAULT false,
        resolution text NULL,
        satisfaction int NULL CHECK (satisfaction BETWEEN 1 AND 5),
        feedback varchar(1000) NULL,
        reopen_count int NOT NULL DEFAULT 0,
        images jsonb NOT NULL DEFAULT '[]')`)
    await q.query('CREATE UNIQUE INDEX ticket_number_uq ON ticket (number)')
    await q.query(`CREATE INDEX ticket_created_idx ON ticket (${newest}) ${live}`)
    for (const column of [
      'customer_id',
      'contract_id',
      'order_id',
      'type',
      'priority',
      'status',
      'assignee_id',
      'dept_id',
    ])
      await q.query(`CREATE INDEX ticket_${column}_idx ON ticket (${column}, ${newest}) ${live}`)
    await q.query(
      `CREATE INDEX ticket_open_idx ON ticket (${newest})
        WHERE deleted_at IS NULL AND status IN ('new', 'assigned', 'in_progress', 'waiting_customer', 'reopened')`,
    )
    await q.query(
      `CREATE INDEX ticket_breached_idx ON ticket (${newest})
        WHERE deleted_at IS NULL AND (response_breached OR resolution_breached)`,
    )
    // The breach round's scan: open tickets with a due time not yet told.
    await q.query(
      `CREATE INDEX ticket_response_due_idx ON ticket (response_due_at)
        WHERE deleted_at IS NULL AND responded_at IS NULL AND NOT response_breach_told`,
    )
    await q.query(
      `CREATE INDEX ticket_resolution_due_idx ON ticket (resolution_due_at)
        WHERE deleted_at IS NULL AND resolved_at IS NULL AND NOT resolution_breach_told`,
    )
    await q.query(BIGRAMS_FUNCTION_SQL)
    await q.query(numberPrefixIndexSql('ticket', 'number'))
    await q.query(bigramIndexSql('ticket', 'title'))
    await q.query(bigramIndexSql('ticket', 'customer_name'))

    // Append-only: rows are inserted by the ticket's actions and never changed.
    await q.query(`
      CREATE TABLE ticket_log (
        id uuid PRIMARY KEY,
        seq bigserial NOT NULL,
        ticket_id uuid NOT NULL REFERENCES ticket (id) ON DELETE CASCADE,
        at timestamptz NOT NULL DEFAULT now(),
        action varchar(20) NOT NULL,
        actor_kind varchar(10) NOT NULL,
        actor_id varchar(60) NULL,
        actor_name varchar(100) NULL,
        from_status varchar(20) NULL,
        to_status varchar(20) NULL,
        note text NULL,
        internal boolean NOT NULL DEFAULT false)`)
    await q.query('CREATE INDEX ticket_log_ticket_idx ON ticket_log (ticket_id, seq)')

    await q.query(`
      CREATE TABLE sla_settings (
        id int PRIMARY KEY CHECK (id = 1),
        workdays int[] NOT NULL,
        day_start varchar(5) NOT NULL,
        day_end varchar(5) NOT NULL,
        holidays date[] NOT NULL,
        working_dates date[] NOT NULL,
        reopen_window_days int NOT NULL,
        feedback_required boolean NOT NULL,
        version int NOT NULL DEFAULT 1,
        updated_at timestamptz NULL,
        updated_by uuid NULL)`)
    await q.query(`
      INSERT INTO sla_settings (id, workdays, day_start, day_end, holidays, working_dates,
                                reopen_window_days, feedback_required, version)
      VALUES (1, '{1,2,3,4,5}', '09:00', '18:00', '{}', '{}', 7, true, 1)`)
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['sla_settings', 'ticket_log', 'ticket']) await q.query(`DROP TABLE ${table}`)
  }
}

/** In timestamp order; the preset runs whatever is pending at start, after the kit's own. */
export const migrations = [TicketsSchema1767000000000]
