import type { MigrationInterface, QueryRunner } from 'typeorm'
import { RECORD_COLUMNS_SQL } from '@mosaic/service-kit'
import { NAME_KEY_SQL } from '../modules/customers/duplicates.js'

/** Lists sort newest first over live rows; every list filter has its own index. */
const live = 'WHERE deleted_at IS NULL'

/** Customers, contacts, leads, opportunities and follow-ups. */
export class SalesSchema1763900001000 implements MigrationInterface {
  name = 'SalesSchema1763900001000'

  async up(q: QueryRunner): Promise<void> {
    // Fuzzy name search (ILIKE '%…%') uses trigram GIN indexes; the embedded PGlite loads the extension too.
    await q.query('CREATE EXTENSION IF NOT EXISTS pg_trgm')
    await this.customers(q)
    await this.leads(q)
    await this.opportunities(q)
    await this.followups(q)
  }

  private async customers(q: QueryRunner) {
    await q.query(`
      CREATE TABLE customer (${RECORD_COLUMNS_SQL},
        number varchar(40) NOT NULL UNIQUE,
        name varchar(100) NOT NULL,
        name_key varchar(100) GENERATED ALWAYS AS (${NAME_KEY_SQL('name')}) STORED,
        status varchar(40) NOT NULL,
        level varchar(40) NULL,
        industry varchar(40) NULL,
        source varchar(40) NULL,
        owner_id uuid NULL,
        owner_name varchar(100) NULL,
        dept_id uuid NULL,
        phone varchar(30) NULL,
        address varchar(200) NULL,
        website varchar(200) NULL,
        remark text NULL,
        deal_status varchar(10) NOT NULL DEFAULT 'undealt' CHECK (deal_status IN ('undealt', 'dealt')),
        locked boolean NOT NULL DEFAULT false,
        last_followup_at timestamptz NULL,
        next_followup_at timestamptz NULL,
        last_deal_at timestamptz NULL,
        owner_since timestamptz NULL,
        pool_entered_at timestamptz NULL,
        pool_reason varchar(40) NULL,
        previous_owner_id uuid NULL,
        previous_owner_name varchar(100) NULL,
        primary_contact_name varchar(60) NULL,
        primary_contact_phone varchar(30) NULL,
        lead_id uuid NULL
      )`)
    // The duplicate-name rule, enforced by the database so concurrent creates cannot both pass.
    await q.query(`CREATE UNIQUE INDEX customer_name_key_uq ON customer (name_key) ${live}`)
    await q.query('CREATE INDEX customer_name_trgm ON customer USING gin (name gin_trgm_ops)')
    await q.query('CREATE INDEX customer_number_trgm ON customer USING gin (number gin_trgm_ops)')
    await q.query(`CREATE INDEX customer_created_idx ON customer (created_at DESC, id DESC) ${live}`)
    for (const col of [
      'owner_id',
      'dept_id',
      'status',
      'level',
      'industry',
      'source',
      'deal_status',
      'lead_id',
    ]) {
      await q.query(`CREATE INDEX customer_${col}_idx ON customer (${col}, created_at DESC) ${live}`)
    }
    await q.query(`
      CREATE TABLE contact (${RECORD_COLUMNS_SQL},
        customer_id uuid NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
        name varchar(60) NOT NULL,
        title varchar(60) NULL,
        phone varchar(30) NULL,
        email varchar(120) NULL,
        is_primary boolean NOT NULL DEFAULT false,
        remark text NULL,
        owner_id uuid NULL,
        dept_id uuid NULL
      )`)
    await q.query(
      `CREATE UNIQUE INDEX contact_one_primary_uq ON contact (customer_id) WHERE is_primary AND deleted_at IS NULL`,
    )
    await q.query('CREATE INDEX contact_customer_idx ON contact (customer_id, created_at DESC)')
    await q.query(`CREATE INDEX contact_created_idx ON contact (created_at DESC, id DESC) ${live}`)
    await q.query(`CREATE INDEX contact_owner_idx ON contact (owner_id) ${live}`)
    await q.query(`CREATE INDEX contact_dept_idx ON contact (dept_id) ${live}`)
    await q.query('CREATE INDEX contact_name_trgm ON contact USING gin (name gin_trgm_ops)')
  }

  private async leads(q: QueryRunner) {
    await q.query(`
      CREATE TABLE lead (${RECORD_COLUMNS_SQL},
        number varchar(40) NOT NULL UNIQUE,
        name varchar(100) NOT NULL,
        contact_name varchar(60) NULL,
        phone varchar(30) NULL,
        email varchar(120) NULL,
        source varchar(40) NULL,
        status varchar(20) NOT NULL
          CHECK (status IN ('new', 'contacting', 'qualified', 'unqualified', 'invalid', 'converted')),
        owner_id uuid NULL,
        owner_name varchar(100) NULL,
        dept_id uuid NULL,
        address varchar(200) NULL,
        industry varchar(40) NULL,
        remark text NULL,
        last_followup_at timestamptz NULL,
        next_followup_at timestamptz NULL,
        invalid_reason varchar(500) NULL,
        converted_at timestamptz NULL,
        converted_customer_id uuid NULL,
        converted_contact_id uuid NULL,
        converted_opportunity_id uuid NULL
      )`)
    await q.query(`CREATE INDEX lead_created_idx ON lead (created_at DESC, id DESC) ${live}`)
    for (const col of ['owner_id', 'dept_id', 'source', 'status']) {
      await q.query(`CREATE INDEX lead_${col}_idx ON lead (${col}, created_at DESC) ${live}`)
    }
    await q.query('CREATE INDEX lead_name_trgm ON lead USING gin (name gin_trgm_ops)')
    await q.query('CREATE INDEX lead_number_trgm ON lead USING gin (number gin_trgm_ops)')
  }

  private async opportunities(q: QueryRunner) {
    await q.query(`
      CREATE TABLE opportunity (${RECORD_COLUMNS_SQL},
        name varchar(100) NOT NULL,
        customer_id uuid NOT NULL REFERENCES customer (id),
        customer_name varchar(100) NOT NULL,
        contact_id uuid NULL,
        contact_name varchar(60) NULL,
        stage varchar(40) NOT NULL,
        probability int NOT NULL CHECK (probability BETWEEN 0 AND 100),
        source varchar(40) NULL,
        type varchar(40) NULL,
        owner_id uuid NULL,
        owner_name varchar(100) NULL,
        dept_id uuid NULL,
        expected_amount numeric(18,2) NULL CHECK (expected_amount >= 0),
        expected_close_date date NULL,
        products jsonb NOT NULL DEFAULT '[]'::jsonb,
        remark text NULL,
        status varchar(10) NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'won', 'lost', 'invalid')),
        closed_at timestamptz NULL,
        closed_by varchar(100) NULL,
        close_note text NULL,
        close_date date NULL,
        lost_reason varchar(40) NULL,
        locked boolean NOT NULL DEFAULT false,
        last_followup_at timestamptz NULL,
        next_followup_at timestamptz NULL,
        lead_id uuid NULL
      )`)
    await q.query(`CREATE INDEX opportunity_created_idx ON opportunity (created_at DESC, id DESC) ${live}`)
    for (const col of ['customer_id', 'owner_id', 'dept_id', 'stage', 'status', 'expected_close_date']) {
      await q.query(`CREATE INDEX opportunity_${col}_idx ON opportunity (${col}, created_at DESC) ${live}`)
    }
    await q.query('CREATE INDEX opportunity_name_trgm ON opportunity USING gin (name gin_trgm_ops)')
  }

  private async followups(q: QueryRunner) {
    await q.query(`
      CREATE TABLE followup (${RECORD_COLUMNS_SQL},
        target_type varchar(20) NOT NULL CHECK (target_type IN ('lead', 'customer', 'opportunity')),
        target_id uuid NOT NULL,
        target_name varchar(100) NOT NULL,
        customer_id uuid NULL,
        customer_name varchar(100) NOT NULL,
        subject varchar(120) NOT NULL,
        method varchar(40) NOT NULL,
        content text NOT NULL,
        contacted_at timestamptz NOT NULL,
        next_followup_at timestamptz NULL,
        next_plan text NULL,
        contact_id uuid NULL,
        contact_name varchar(60) NULL,
        attachments jsonb NOT NULL DEFAULT '[]'::jsonb,
        owner_id uuid NULL,
        owner_name varchar(100) NULL,
        dept_id uuid NULL
      )`)
    await q.query(`CREATE INDEX followup_created_idx ON followup (created_at DESC, id DESC) ${live}`)
    await q.query('CREATE INDEX followup_target_idx ON followup (target_type, target_id, contacted_at DESC)')
    await q.query('CREATE INDEX followup_customer_idx ON followup (customer_id, contacted_at DESC)')
    await q.query('CREATE INDEX followup_contact_idx ON followup (contact_id) WHERE contact_id IS NOT NULL')
    for (const col of ['owner_id', 'dept_id', 'method', 'contacted_at']) {
      await q.query(`CREATE INDEX followup_${col}_idx ON followup (${col}, created_at DESC) ${live}`)
    }
    await q.query(
      'CREATE INDEX followup_customer_name_trgm ON followup USING gin (customer_name gin_trgm_ops)',
    )
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['followup', 'opportunity', 'lead', 'contact', 'customer'])
      await q.query(`DROP TABLE ${t}`)
  }
}
