import type { MigrationInterface, QueryRunner } from 'typeorm'
import {
  BIGRAMS_FUNCTION_SQL,
  bigramIndexSql,
  numberPrefixIndexSql,
  RECORD_COLUMNS_SQL,
} from '@mosaic/service-kit'

const live = 'WHERE deleted_at IS NULL'

/** The contract's party and owner as finance keeps them (a snapshot, refreshed by contract events). */
const PARTY_COLUMNS_SQL = `
  receivable_id uuid NOT NULL REFERENCES receivable (id),
  contract_id uuid NOT NULL,
  contract_number varchar(40) NOT NULL,
  customer_id uuid NOT NULL,
  customer_name varchar(200) NOT NULL,
  owner_id uuid NULL,
  owner_name varchar(100) NULL,
  dept_id uuid NULL`

/**
 * Receivables (one per contract in force), their payment plan, payments and their write-offs (核销),
 * invoices (SPEC §4). Figures cached on the receivable (received, invoiced, statuses, plan
 * progress) are recomputed from the rows beneath in the transaction that changes them.
 */
export class FinanceSchema1766000000000 implements MigrationInterface {
  name = 'FinanceSchema1766000000000'

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE EXTENSION IF NOT EXISTS pg_trgm')
    await q.query(`
      CREATE TABLE receivable (${RECORD_COLUMNS_SQL},
        contract_id uuid NOT NULL,
        contract_number varchar(40) NOT NULL,
        contract_name varchar(200) NOT NULL,
        contract_revision int NOT NULL,
        customer_id uuid NOT NULL,
        customer_name varchar(200) NOT NULL,
        owner_id uuid NULL,
        owner_name varchar(100) NULL,
        dept_id uuid NULL,
        sign_date date NULL,
        start_date date NULL,
        end_date date NULL,
        status varchar(20) NOT NULL,
        total numeric(18,2) NOT NULL,
        received numeric(18,2) NOT NULL DEFAULT 0,
        invoiced numeric(18,2) NOT NULL DEFAULT 0,
        prepay_ratio numeric(5,2) NULL,
        prepay_amount numeric(18,2) NOT NULL DEFAULT 0,
        prepay_due_date date NULL,
        prepay_status varchar(20) NOT NULL DEFAULT 'none',
        retention_ratio numeric(5,2) NULL,
        retention_amount numeric(18,2) NOT NULL DEFAULT 0,
        retention_release_date date NULL,
        retention_status varchar(20) NOT NULL DEFAULT 'none',
        warranty_months int NULL,
        instalments_paid int NOT NULL DEFAULT 0,
        instalment_count int NOT NULL DEFAULT 0,
        overdue boolean NOT NULL DEFAULT false,
        overdue_amount numeric(18,2) NOT NULL DEFAULT 0,
        payment_count int NOT NULL DEFAULT 0,
        invoice_count int NOT NULL DEFAULT 0,
        invoice_type varchar(40) NULL,
        invoice_title varchar(200) NULL,
        invoice_tax_number varchar(40) NULL,
        progressed_at timestamptz NULL)`)
    // One receivable per contract, whatever happens to either.
    await q.query('CREATE UNIQUE INDEX receivable_contract_uq ON receivable (contract_id)')
    await q.query('CREATE INDEX receivable_number_idx ON receivable (contract_number text_pattern_ops, id)')
    await q.query(
      'CREATE INDEX receivable_customer_name_trgm ON receivable USING gin (customer_name gin_trgm_ops)',
    )
    await q.query('CREATE INDEX receivable_owner_name_trgm ON receivable USING gin (owner_name gin_trgm_ops)')
    await q.query(`CREATE INDEX receivable_created_idx ON receivable (created_at DESC, id DESC) ${live}`)
    await q.query(
      `CREATE INDEX receivable_owner_idx ON receivable (owner_id, created_at DESC, id DESC) ${live}`,
    )
    await q.query(
      `CREATE INDEX receivable_dept_idx ON receivable (dept_id, created_at DESC, id DESC) ${live}`,
    )
    await q.query(
      `CREATE INDEX receivable_customer_idx ON receivable (customer_id, created_at DESC, id DESC) ${live}`,
    )
    await q.query(
      `CREATE INDEX receivable_status_idx ON receivable (status, created_at DESC, id DESC) ${live}`,
    )
    await q.query(`CREATE INDEX receivable_sign_idx ON receivable (sign_date, id) ${live}`)
    await q.query(
      `CREATE INDEX receivable_overdue_idx ON receivable (created_at DESC, id DESC) WHERE overdue`,
    )

    await q.query(`
      CREATE TABLE instalment (
        id uuid PRIMARY KEY,
        receivable_id uuid NOT NULL REFERENCES receivable (id),
        seq int NOT NULL,
        kind varchar(20) NOT NULL,
        due_date date NOT NULL,
        amount numeric(18,2) NOT NULL CHECK (amount >= 0),
        matched numeric(18,2) NOT NULL DEFAULT 0 CHECK (matched >= 0 AND matched <= amount),
        note varchar(200) NULL,
        cancelled boolean NOT NULL DEFAULT false,
        overdue_notified_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now())`)
    await q.query('CREATE INDEX instalment_receivable_idx ON instalment (receivable_id, seq)')
    // The overdue job's scan: open instalments by due date.
    await q.query(
      'CREATE INDEX instalment_due_idx ON instalment (due_date) WHERE NOT cancelled AND matched < amount',
    )

    await q.query(`
      CREATE TABLE payment (${RECORD_COLUMNS_SQL}, ${PARTY_COLUMNS_SQL},
        number varchar(40) NOT NULL,
        amount numeric(18,2) NOT NULL CHECK (amount > 0),
        paid_on date NOT NULL,
        method varchar(40) NOT NULL,
        payer varchar(200) NOT NULL,
        reference varchar(100) NULL,
        note varchar(500) NULL,
        status varchar(20) NOT NULL,
        matched numeric(18,2) NOT NULL DEFAULT 0 CHECK (matched >= 0 AND matched <= amount),
        commission_settled boolean NOT NULL DEFAULT false,
        approval_request_id uuid NULL,
        decision_comment varchar(500) NULL)`)
    await q.query('CREATE UNIQUE INDEX payment_number_uq ON payment (number)')
    await q.query('CREATE INDEX payment_customer_name_trgm ON payment USING gin (customer_name gin_trgm_ops)')
    await q.query('CREATE INDEX payment_payer_trgm ON payment USING gin (payer gin_trgm_ops)')
    await q.query(
      'CREATE INDEX payment_contract_number_idx ON payment (contract_number text_pattern_ops, id)',
    )
    await q.query(`CREATE INDEX payment_created_idx ON payment (created_at DESC, id DESC) ${live}`)
    await q.query(`CREATE INDEX payment_receivable_idx ON payment (receivable_id, paid_on) ${live}`)
    await q.query(`CREATE INDEX payment_owner_idx ON payment (owner_id, created_at DESC, id DESC) ${live}`)
    await q.query(`CREATE INDEX payment_dept_idx ON payment (dept_id, created_at DESC, id DESC) ${live}`)
    await q.query(
      `CREATE INDEX payment_customer_idx ON payment (customer_id, created_at DESC, id DESC) ${live}`,
    )
    await q.query(`CREATE INDEX payment_status_idx ON payment (status, created_at DESC, id DESC) ${live}`)
    await q.query(`CREATE INDEX payment_paid_on_idx ON payment (paid_on, id) ${live}`)

    await q.query(`
      CREATE TABLE writeoff (
        id uuid PRIMARY KEY,
        payment_id uuid NOT NULL REFERENCES payment (id),
        receivable_id uuid NOT NULL REFERENCES receivable (id),
        instalment_id uuid NOT NULL REFERENCES instalment (id),
        amount numeric(18,2) NOT NULL CHECK (amount > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid NULL,
        created_by_name varchar(100) NULL,
        reversed_at timestamptz NULL,
        reversed_by uuid NULL,
        reversed_by_name varchar(100) NULL)`)
    await q.query('CREATE INDEX writeoff_payment_idx ON writeoff (payment_id, created_at)')
    await q.query('CREATE INDEX writeoff_receivable_idx ON writeoff (receivable_id, created_at)')
    await q.query(
      'CREATE INDEX writeoff_instalment_idx ON writeoff (instalment_id) WHERE reversed_at IS NULL',
    )

    await q.query(`
      CREATE TABLE invoice (${RECORD_COLUMNS_SQL}, ${PARTY_COLUMNS_SQL},
        contract_name varchar(200) NOT NULL,
        instalment_id uuid NULL REFERENCES instalment (id),
        type varchar(40) NOT NULL,
        title varchar(200) NOT NULL,
        tax_number varchar(40) NULL,
        amount numeric(18,2) NOT NULL CHECK (amount > 0),
        status varchar(20) NOT NULL,
        invoice_number varchar(40) NULL,
        issue_date date NULL,
        courier varchar(40) NULL,
        tracking_number varchar(60) NULL,
        mailed_on date NULL,
        remark varchar(500) NULL,
        void_reason varchar(500) NULL)`)
    await q.query('CREATE INDEX invoice_customer_name_trgm ON invoice USING gin (customer_name gin_trgm_ops)')
    await q.query(
      'CREATE INDEX invoice_contract_number_idx ON invoice (contract_number text_pattern_ops, id)',
    )
    await q.query('CREATE INDEX invoice_number_idx ON invoice (invoice_number text_pattern_ops, id)')
    await q.query(`CREATE INDEX invoice_created_idx ON invoice (created_at DESC, id DESC) ${live}`)
    await q.query(`CREATE INDEX invoice_receivable_idx ON invoice (receivable_id, created_at) ${live}`)
    await q.query(`CREATE INDEX invoice_owner_idx ON invoice (owner_id, created_at DESC, id DESC) ${live}`)
    await q.query(`CREATE INDEX invoice_dept_idx ON invoice (dept_id, created_at DESC, id DESC) ${live}`)
    await q.query(
      `CREATE INDEX invoice_customer_idx ON invoice (customer_id, created_at DESC, id DESC) ${live}`,
    )
    await q.query(`CREATE INDEX invoice_status_idx ON invoice (status, created_at DESC, id DESC) ${live}`)
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['invoice', 'writeoff', 'payment', 'instalment', 'receivable']) {
      await q.query(`DROP TABLE ${table}`)
    }
  }
}

/**
 * The receivable list's keyword search as the kit's `numberMatch` / `textContains` run it: the
 * contract number by prefix (C-collation btree) and two-character names (Chinese) through bigrams,
 * which pg_trgm cannot serve.
 */
export class ReceivableSearch1766000150000 implements MigrationInterface {
  name = 'ReceivableSearch1766000150000'

  async up(q: QueryRunner): Promise<void> {
    await q.query(BIGRAMS_FUNCTION_SQL)
    await q.query(numberPrefixIndexSql('receivable', 'contract_number'))
    await q.query(bigramIndexSql('receivable', 'customer_name'))
    await q.query(bigramIndexSql('receivable', 'owner_name'))
  }

  async down(q: QueryRunner): Promise<void> {
    for (const column of ['customer_name', 'owner_name'])
      await q.query(`DROP INDEX receivable_${column}_bigram`)
    await q.query('DROP INDEX receivable_contract_number_prefix')
  }
}

/**
 * What the payment list's search needs (`numberMatch`, `textContains`): the number prefix
 * indexes on the payment's and its contract's number, and the two-character (bigram) index of
 * the customer's name and the payer, with the kit's `kit_bigrams` function they are built on.
 */
export class PaymentSearch1766000200000 implements MigrationInterface {
  name = 'PaymentSearch1766000200000'

  async up(q: QueryRunner): Promise<void> {
    await q.query(BIGRAMS_FUNCTION_SQL)
    await q.query(numberPrefixIndexSql('payment', 'number'))
    await q.query(numberPrefixIndexSql('payment', 'contract_number'))
    await q.query('CREATE INDEX payment_number_trgm ON payment USING gin (number gin_trgm_ops)')
    await q.query(bigramIndexSql('payment', 'customer_name'))
    await q.query(bigramIndexSql('payment', 'payer'))
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of [
      'payment_payer_bigram',
      'payment_customer_name_bigram',
      'payment_number_trgm',
      'payment_contract_number_prefix',
      'payment_number_prefix',
    ])
      await q.query(`DROP INDEX ${index}`)
  }
}

/**
 * The invoice list's number search (`numberMatch`): a code typed from its start matches by prefix
 * on `upper(column) COLLATE "C"`, which the text_pattern_ops indexes above do not serve.
 */
export class FinanceInvoiceNumberPrefix1766000300000 implements MigrationInterface {
  name = 'FinanceInvoiceNumberPrefix1766000300000'

  async up(q: QueryRunner): Promise<void> {
    await q.query(numberPrefixIndexSql('invoice', 'contract_number'))
    await q.query(numberPrefixIndexSql('invoice', 'invoice_number'))
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX invoice_invoice_number_prefix')
    await q.query('DROP INDEX invoice_contract_number_prefix')
  }
}

/**
 * Contacts' answers to reconciliation statements (对账确认), with the figures they answered. The
 * finance list pages them newest first, by customer and by status, and searches the customer's name.
 */
export class StatementResponses1767000200000 implements MigrationInterface {
  name = 'StatementResponses1767000200000'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE statement_response (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL,
        customer_name varchar(200) NOT NULL,
        period_from date NOT NULL,
        period_to date NOT NULL,
        status varchar(20) NOT NULL,
        note varchar(1000) NULL,
        account_id uuid NOT NULL,
        respondent_name varchar(100) NOT NULL,
        responded_at timestamptz NOT NULL,
        digest varchar(64) NOT NULL,
        outstanding_at_end numeric(18,2) NOT NULL,
        received_in_period numeric(18,2) NOT NULL,
        invoiced_in_period numeric(18,2) NOT NULL)`)
    await q.query(
      'CREATE INDEX statement_response_time_idx ON statement_response (responded_at DESC, id DESC)',
    )
    // The latest answer for a customer and period, and the list filtered by customer.
    await q.query(
      `CREATE INDEX statement_response_customer_idx
         ON statement_response (customer_id, period_from, period_to, responded_at DESC, id DESC)`,
    )
    await q.query(
      'CREATE INDEX statement_response_status_idx ON statement_response (status, responded_at DESC, id DESC)',
    )
    await q.query(
      'CREATE INDEX statement_response_name_trgm ON statement_response USING gin (customer_name gin_trgm_ops)',
    )
    await q.query(bigramIndexSql('statement_response', 'customer_name'))
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE statement_response')
  }
}

/** In timestamp order; the preset runs whatever is pending at start, after the kit's own. */
export const migrations = [
  FinanceSchema1766000000000,
  ReceivableSearch1766000150000,
  PaymentSearch1766000200000,
  FinanceInvoiceNumberPrefix1766000300000,
  StatementResponses1767000200000,
]
