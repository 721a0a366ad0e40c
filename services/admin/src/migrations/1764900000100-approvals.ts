import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * The approval engine (decision 61): flow versions, one instance per submission (`request_id`) and
 * one task per approver of an opened step.
 */
export class AdminApprovals1764900000100 implements MigrationInterface {
  name = 'AdminApprovals1764900000100'

  async up(q: QueryRunner): Promise<void> {
    // Every saved version is a row; the highest version of a document type is its current flow.
    await q.query(`
      CREATE TABLE approval_flow (
        id uuid PRIMARY KEY,
        doc_type varchar(40) NOT NULL,
        version int NOT NULL,
        enabled boolean NOT NULL,
        steps jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid NULL,
        created_by_name varchar(64) NULL,
        UNIQUE (doc_type, version)
      )`)
    await q.query(`
      CREATE TABLE approval_instance (
        id uuid PRIMARY KEY,
        request_id uuid NOT NULL UNIQUE,
        service varchar(20) NOT NULL,
        doc_type varchar(40) NOT NULL,
        doc_id uuid NOT NULL,
        doc_number varchar(40) NOT NULL,
        doc_title varchar(300) NOT NULL,
        amount varchar(40) NULL,
        link varchar(300) NOT NULL,
        owner_id uuid NULL,
        dept_id uuid NULL,
        flow_id uuid NULL REFERENCES approval_flow (id),
        flow_version int NOT NULL,
        status varchar(16) NOT NULL,
        current_step int NULL,
        steps jsonb NOT NULL,
        history jsonb NOT NULL DEFAULT '[]'::jsonb,
        submitter_id uuid NOT NULL,
        submitter_name varchar(64) NOT NULL,
        submitter_dept_id uuid NULL,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz NULL
      )`)
    // "My submissions", newest first; a document's history.
    await q.query(
      'CREATE INDEX approval_instance_submitter_idx ON approval_instance (submitter_id, created_at DESC, id DESC)',
    )
    await q.query(
      'CREATE INDEX approval_instance_doc_idx ON approval_instance (doc_type, doc_id, created_at DESC)',
    )
    await q.query(`
      CREATE TABLE approval_task (
        id uuid PRIMARY KEY,
        instance_id uuid NOT NULL REFERENCES approval_instance (id),
        step_index int NOT NULL,
        assignee_id uuid NOT NULL,
        assignee_name varchar(64) NOT NULL,
        status varchar(16) NOT NULL,
        comment varchar(500) NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz NULL
      )`)
    // "My pending tasks" (the badge counts them) and "decided by me".
    await q.query(
      `CREATE INDEX approval_task_todo_idx ON approval_task (assignee_id, created_at DESC, id DESC)
         WHERE status = 'pending'`,
    )
    await q.query(
      `CREATE INDEX approval_task_done_idx ON approval_task (assignee_id, decided_at DESC, id DESC)
         WHERE status IN ('approved', 'rejected')`,
    )
    await q.query('CREATE INDEX approval_task_instance_idx ON approval_task (instance_id, step_index)')
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE approval_task')
    await q.query('DROP TABLE approval_instance')
    await q.query('DROP TABLE approval_flow')
  }
}
