import type { MigrationInterface, QueryRunner } from 'typeorm'
import {
  BIGRAMS_FUNCTION_SQL,
  RECORD_COLUMNS_SQL,
  bigramIndexSql,
  numberPrefixIndexSql,
} from '@mosaic/service-kit'

/** Lists read live rows only. */
const live = 'WHERE deleted_at IS NULL'

/** Product categories (a tree) and products. */
export class OrdersProducts1765100000000 implements MigrationInterface {
  name = 'OrdersProducts1765100000000'

  async up(q: QueryRunner): Promise<void> {
    // Name search: trigram GIN (three characters and more), bigrams for two-character names.
    await q.query('CREATE EXTENSION IF NOT EXISTS pg_trgm')
    await q.query(BIGRAMS_FUNCTION_SQL)

    await q.query(`
      CREATE TABLE product_category (${RECORD_COLUMNS_SQL},
        name varchar(60) NOT NULL,
        parent_id uuid NULL REFERENCES product_category (id),
        sort int NOT NULL DEFAULT 0)`)
    // One name per level among live categories, whatever the case.
    await q.query(
      `CREATE UNIQUE INDEX product_category_name_uq ON product_category
         (coalesce(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name)) ${live}`,
    )
    await q.query(`CREATE INDEX product_category_parent_idx ON product_category (parent_id) ${live}`)

    await q.query(`
      CREATE TABLE product (${RECORD_COLUMNS_SQL},
        code varchar(40) NOT NULL,
        name varchar(100) NOT NULL,
        category_id uuid NULL REFERENCES product_category (id),
        spec varchar(100) NULL,
        unit varchar(40) NULL,
        reference_price numeric(18,2) NOT NULL CHECK (reference_price >= 0),
        tax_rate numeric(5,2) NOT NULL CHECK (tax_rate >= 0 AND tax_rate <= 100),
        safety_stock int NOT NULL DEFAULT 0 CHECK (safety_stock >= 0),
        owner_id uuid NULL,
        owner_name varchar(100) NULL,
        dept_id uuid NULL,
        image jsonb NULL,
        remark text NULL,
        on_sale boolean NOT NULL DEFAULT true)`)
    // The code is unique among live products whatever the case: the index is the last word, so two
    // concurrent creates of one code cannot both pass.
    await q.query(`CREATE UNIQUE INDEX product_code_uq ON product (upper(code)) ${live}`)
    // A code typed from its start: prefix match and number order (numberMatch).
    await q.query(numberPrefixIndexSql('product', 'code'))
    await q.query('CREATE INDEX product_code_trgm ON product USING gin (code gin_trgm_ops)')
    await q.query('CREATE INDEX product_name_trgm ON product USING gin (name gin_trgm_ops)')
    await q.query(bigramIndexSql('product', 'name'))
    await q.query(`CREATE INDEX product_created_idx ON product (created_at DESC, id DESC) ${live}`)
    await q.query(
      `CREATE INDEX product_category_idx ON product (category_id, created_at DESC, id DESC) ${live}`,
    )
    await q.query(`CREATE INDEX product_on_sale_idx ON product (on_sale, created_at DESC, id DESC) ${live}`)
    await q.query(`CREATE INDEX product_unit_idx ON product (unit, created_at DESC, id DESC) ${live}`)
    await q.query(`CREATE INDEX product_owner_idx ON product (owner_id, created_at DESC, id DESC) ${live}`)
    // Which products show an uploaded image (the attachment policy's visibility check).
    await q.query('CREATE INDEX product_image_idx ON product USING gin (image jsonb_path_ops)')
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE product')
    await q.query('DROP TABLE product_category')
  }
}

/** Quotes (报价单): owner-scoped, numbered, their lines and totals in the row. */
export class OrdersQuotes1765200000000 implements MigrationInterface {
  name = 'OrdersQuotes1765200000000'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE quote (${RECORD_COLUMNS_SQL},
        number varchar(40) NOT NULL,
        status varchar(20) NOT NULL DEFAULT 'draft'
          CHECK (status IN ('draft', 'submitted', 'approved', 'rejected')),
        customer_id uuid NOT NULL,
        customer_name varchar(200) NOT NULL,
        contact_id uuid NULL,
        contact_name varchar(100) NULL,
        contact_phone varchar(40) NULL,
        opportunity_id uuid NULL,
        opportunity_name varchar(200) NULL,
        valid_until date NULL,
        remark text NULL,
        owner_id uuid NULL,
        owner_name varchar(100) NULL,
        dept_id uuid NULL,
        lines jsonb NOT NULL,
        subtotal numeric(18,2) NOT NULL,
        tax_total numeric(18,2) NOT NULL,
        total numeric(18,2) NOT NULL)`)
    // Numbers are issued once (the kit's counter); the index makes a duplicate impossible anyway.
    await q.query('CREATE UNIQUE INDEX quote_number_uq ON quote (number)')
    await q.query(numberPrefixIndexSql('quote', 'number'))
    await q.query('CREATE INDEX quote_customer_name_trgm ON quote USING gin (customer_name gin_trgm_ops)')
    await q.query(bigramIndexSql('quote', 'customer_name'))
    await q.query(`CREATE INDEX quote_created_idx ON quote (created_at DESC, id DESC) ${live}`)
    await q.query(`CREATE INDEX quote_owner_idx ON quote (owner_id, created_at DESC, id DESC) ${live}`)
    await q.query(`CREATE INDEX quote_dept_idx ON quote (dept_id, created_at DESC, id DESC) ${live}`)
    await q.query(`CREATE INDEX quote_customer_idx ON quote (customer_id, created_at DESC, id DESC) ${live}`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE quote')
  }
}

/**
 * Quotes through approval (SPEC 2.2): `submitted` becomes `pending`, and sent, accepted and expired
 * join; the request id of the submission the quote waits on; the expiry job's index.
 */
export class OrdersQuoteApproval1765300000000 implements MigrationInterface {
  name = 'OrdersQuoteApproval1765300000000'

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE quote DROP CONSTRAINT IF EXISTS quote_status_check')
    await q.query(`UPDATE quote SET status = 'pending' WHERE status = 'submitted'`)
    await q.query(`ALTER TABLE quote ADD CONSTRAINT quote_status_check
      CHECK (status IN ('draft', 'pending', 'approved', 'rejected', 'sent', 'accepted', 'expired'))`)
    await q.query('ALTER TABLE quote ADD COLUMN approval_request_id uuid NULL')
    await q.query(
      `CREATE INDEX quote_expiry_idx ON quote (valid_until) WHERE deleted_at IS NULL AND status IN ('approved', 'sent')`,
    )
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX quote_expiry_idx')
    await q.query('ALTER TABLE quote DROP COLUMN approval_request_id')
    await q.query('ALTER TABLE quote DROP CONSTRAINT quote_status_check')
    await q.query(`UPDATE quote SET status = 'submitted' WHERE status = 'pending'`)
    await q.query(`UPDATE quote SET status = 'approved' WHERE status IN ('sent', 'accepted', 'expired')`)
    await q.query(`ALTER TABLE quote ADD CONSTRAINT quote_status_check
      CHECK (status IN ('draft', 'submitted', 'approved', 'rejected'))`)
  }
}

/**
 * Sales contracts (销售合同), their changes (变更) waiting for or past approval, and the revisions
 * kept each time values came into force (decision §70).
 */
export class OrdersContracts1765400000000 implements MigrationInterface {
  name = 'OrdersContracts1765400000000'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE contract (${RECORD_COLUMNS_SQL},
        number varchar(40) NOT NULL,
        status varchar(20) NOT NULL DEFAULT 'draft' CHECK (status IN
          ('draft', 'pending', 'approved', 'completed', 'closed', 'rejected', 'terminated', 'voided')),
        revision int NOT NULL DEFAULT 0 CHECK (revision >= 0),
        approval_request_id uuid NULL,
        name varchar(200) NOT NULL,
        customer_id uuid NOT NULL,
        customer_name varchar(200) NOT NULL,
        contact_id uuid NULL,
        contact_name varchar(100) NULL,
        contact_phone varchar(40) NULL,
        quote_id uuid NULL,
        quote_number varchar(40) NULL,
        payment_method varchar(40) NULL,
        prepay_ratio numeric(5,2) NULL CHECK (prepay_ratio BETWEEN 0 AND 100),
        retention_ratio numeric(5,2) NULL CHECK (retention_ratio BETWEEN 0 AND 100),
        warranty_months int NULL CHECK (warranty_months >= 0),
        invoice_type varchar(40) NULL,
        invoice_title varchar(200) NULL,
        invoice_tax_number varchar(40) NULL,
        invoice_address_phone varchar(300) NULL,
        invoice_bank varchar(200) NULL,
        invoice_account varchar(60) NULL,
        delivery_date date NULL,
        consignee varchar(100) NULL,
        consignee_phone varchar(40) NULL,
        delivery_address varchar(300) NULL,
        sign_date date NULL,
        start_date date NULL,
        end_date date NULL CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date),
        remark text NULL,
        attachments jsonb NOT NULL DEFAULT '[]',
        owner_id uuid NULL,
        owner_name varchar(100) NULL,
        dept_id uuid NULL,
        lines jsonb NOT NULL,
        subtotal numeric(18,2) NOT NULL,
        tax_total numeric(18,2) NOT NULL,
        total numeric(18,2) NOT NULL,
        end_reason text NULL)`)
    await q.query('CREATE UNIQUE INDEX contract_number_uq ON contract (number)')
    await q.query(numberPrefixIndexSql('contract', 'number'))
    await q.query('CREATE INDEX contract_name_trgm ON contract USING gin (name gin_trgm_ops)')
    await q.query(bigramIndexSql('contract', 'name'))
    await q.query(
      'CREATE INDEX contract_customer_name_trgm ON contract USING gin (customer_name gin_trgm_ops)',
    )
    await q.query(bigramIndexSql('contract', 'customer_name'))
    await q.query(`CREATE INDEX contract_created_idx ON contract (created_at DESC, id DESC) ${live}`)
    await q.query(`CREATE INDEX contract_owner_idx ON contract (owner_id, created_at DESC, id DESC) ${live}`)
    await q.query(`CREATE INDEX contract_dept_idx ON contract (dept_id, created_at DESC, id DESC) ${live}`)
    await q.query(
      `CREATE INDEX contract_customer_idx ON contract (customer_id, created_at DESC, id DESC) ${live}`,
    )
    await q.query(`CREATE INDEX contract_status_idx ON contract (status, created_at DESC, id DESC) ${live}`)
    await q.query(`CREATE INDEX contract_sign_idx ON contract (sign_date, id) ${live}`)
    await q.query('CREATE INDEX contract_quote_idx ON contract (quote_id) WHERE quote_id IS NOT NULL')
    // Which contracts carry an uploaded scan (the attachment policy's visibility check).
    await q.query('CREATE INDEX contract_attachments_idx ON contract USING gin (attachments jsonb_path_ops)')

    await q.query(`
      CREATE TABLE contract_change (
        id uuid PRIMARY KEY,
        contract_id uuid NOT NULL REFERENCES contract (id),
        status varchar(20) NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
        reason text NOT NULL,
        base_revision int NOT NULL,
        proposed jsonb NOT NULL,
        total_before numeric(18,2) NOT NULL,
        total_after numeric(18,2) NOT NULL,
        approval_request_id uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid NULL,
        created_by_name varchar(100) NULL,
        decided_at timestamptz NULL,
        decided_by_name varchar(100) NULL,
        comment text NULL)`)
    // At most one change waits per contract: two concurrent requests cannot both start one.
    await q.query(
      `CREATE UNIQUE INDEX contract_change_pending_uq ON contract_change (contract_id) WHERE status = 'pending'`,
    )
    await q.query(
      'CREATE INDEX contract_change_contract_idx ON contract_change (contract_id, created_at DESC)',
    )

    await q.query(`
      CREATE TABLE contract_revision (
        id uuid PRIMARY KEY,
        contract_id uuid NOT NULL REFERENCES contract (id),
        revision int NOT NULL,
        "values" jsonb NOT NULL,
        change_id uuid NULL REFERENCES contract_change (id),
        reason text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by_name varchar(100) NULL,
        UNIQUE (contract_id, revision))`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE contract_revision')
    await q.query('DROP TABLE contract_change')
    await q.query('DROP TABLE contract')
  }
}

/** Sales orders (SPEC 2.4) and their shipments (物流单); decisions §71–§72. */
export class OrdersSalesOrders1765500000000 implements MigrationInterface {
  name = 'OrdersSalesOrders1765500000000'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sales_order (${RECORD_COLUMNS_SQL},
        number varchar(40) NOT NULL,
        status varchar(20) NOT NULL DEFAULT 'pending' CHECK (status IN
          ('pending', 'confirmed', 'partially_shipped', 'shipped', 'completed', 'cancelled')),
        contract_id uuid NOT NULL REFERENCES contract (id),
        contract_number varchar(40) NOT NULL,
        contract_name varchar(200) NOT NULL,
        customer_id uuid NOT NULL,
        customer_name varchar(200) NOT NULL,
        owner_id uuid NULL,
        owner_name varchar(100) NULL,
        dept_id uuid NULL,
        delivery_date date NULL,
        consignee varchar(100) NULL,
        consignee_phone varchar(40) NULL,
        delivery_address varchar(300) NULL,
        remark text NULL,
        lines jsonb NOT NULL,
        subtotal numeric(18,2) NOT NULL,
        tax_total numeric(18,2) NOT NULL,
        total numeric(18,2) NOT NULL,
        shipped_percent int NOT NULL DEFAULT 0 CHECK (shipped_percent BETWEEN 0 AND 100),
        cancel_reason text NULL,
        closed_at timestamptz NULL,
        closed_by varchar(100) NULL,
        close_note text NULL,
        close_date date NULL,
        locked boolean NOT NULL DEFAULT false)`)
    await q.query('CREATE UNIQUE INDEX sales_order_number_uq ON sales_order (number)')
    await q.query(numberPrefixIndexSql('sales_order', 'number'))
    await q.query(
      'CREATE INDEX sales_order_customer_name_trgm ON sales_order USING gin (customer_name gin_trgm_ops)',
    )
    await q.query(bigramIndexSql('sales_order', 'customer_name'))
    await q.query(
      'CREATE INDEX sales_order_contract_name_trgm ON sales_order USING gin (contract_name gin_trgm_ops)',
    )
    await q.query(bigramIndexSql('sales_order', 'contract_name'))
    await q.query(`CREATE INDEX sales_order_created_idx ON sales_order (created_at DESC, id DESC) ${live}`)
    await q.query(
      `CREATE INDEX sales_order_owner_idx ON sales_order (owner_id, created_at DESC, id DESC) ${live}`,
    )
    await q.query(
      `CREATE INDEX sales_order_dept_idx ON sales_order (dept_id, created_at DESC, id DESC) ${live}`,
    )
    await q.query(
      `CREATE INDEX sales_order_customer_idx ON sales_order (customer_id, created_at DESC, id DESC) ${live}`,
    )
    await q.query(
      `CREATE INDEX sales_order_status_idx ON sales_order (status, created_at DESC, id DESC) ${live}`,
    )
    // The quantity cap sums a contract's live orders; the dependants guard finds them.
    await q.query('CREATE INDEX sales_order_contract_idx ON sales_order (contract_id, created_at, id)')

    await q.query(`
      CREATE TABLE shipment (
        id uuid PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES sales_order (id),
        status varchar(20) NOT NULL DEFAULT 'in_transit'
          CHECK (status IN ('in_transit', 'delivered', 'cancelled')),
        courier varchar(40) NOT NULL,
        tracking_number varchar(60) NOT NULL,
        shipped_date date NOT NULL,
        items jsonb NOT NULL,
        remark text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid NULL,
        created_by_name varchar(100) NULL,
        delivered_at timestamptz NULL,
        cancelled_at timestamptz NULL)`)
    await q.query('CREATE INDEX shipment_order_idx ON shipment (order_id, created_at, id)')
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE shipment')
    await q.query('DROP TABLE sales_order')
  }
}

/** Files sent with a quote (SPEC 2.2 attachments): references to the kit's stored files. */
export class OrdersQuoteFiles1765600000000 implements MigrationInterface {
  name = 'OrdersQuoteFiles1765600000000'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE quote ADD COLUMN attachments jsonb NOT NULL DEFAULT '[]'`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE quote DROP COLUMN attachments')
  }
}

/** An order's close may wait for approval: status `closing` with the requested close (decision 73). */
export class OrdersOrderClosureApproval1765650000000 implements MigrationInterface {
  name = 'OrdersOrderClosureApproval1765650000000'

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE sales_order DROP CONSTRAINT sales_order_status_check')
    await q.query(`ALTER TABLE sales_order ADD CONSTRAINT sales_order_status_check CHECK (status IN
      ('pending', 'confirmed', 'partially_shipped', 'shipped', 'closing', 'completed', 'cancelled'))`)
    await q.query('ALTER TABLE sales_order ADD COLUMN pending_closure jsonb NULL')
    await q.query('ALTER TABLE sales_order ADD COLUMN approval_request_id uuid NULL')
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE sales_order SET status = 'shipped' WHERE status = 'closing'`)
    await q.query('ALTER TABLE sales_order DROP COLUMN approval_request_id')
    await q.query('ALTER TABLE sales_order DROP COLUMN pending_closure')
    await q.query('ALTER TABLE sales_order DROP CONSTRAINT sales_order_status_check')
    await q.query(`ALTER TABLE sales_order ADD CONSTRAINT sales_order_status_check CHECK (status IN
      ('pending', 'confirmed', 'partially_shipped', 'shipped', 'completed', 'cancelled'))`)
  }
}

/**
 * Finance's figures per contract (`finance.receivable.progressed`, kept latest by progressed_at)
 * and the contract's close (结单): status `closing` while a close waits for approval, the close's
 * details and lock (decisions 85, 86).
 */
export class OrdersFinanceGates1766000400000 implements MigrationInterface {
  name = 'OrdersFinanceGates1766000400000'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE contract_receivable (
        contract_id uuid PRIMARY KEY,
        total numeric(18,2) NOT NULL,
        received numeric(18,2) NOT NULL,
        invoiced numeric(18,2) NOT NULL,
        outstanding numeric(18,2) NOT NULL,
        collected_percent numeric(9,2) NOT NULL,
        payment_count int NOT NULL,
        invoice_count int NOT NULL,
        status varchar(20) NOT NULL,
        progressed_at timestamptz NOT NULL)`)
    await q.query('ALTER TABLE contract DROP CONSTRAINT contract_status_check')
    await q.query(`ALTER TABLE contract ADD CONSTRAINT contract_status_check CHECK (status IN
      ('draft', 'pending', 'approved', 'closing', 'completed', 'closed', 'rejected', 'terminated', 'voided'))`)
    await q.query('ALTER TABLE contract ADD COLUMN closed_at timestamptz NULL')
    await q.query('ALTER TABLE contract ADD COLUMN closed_by varchar(100) NULL')
    await q.query('ALTER TABLE contract ADD COLUMN close_note text NULL')
    await q.query('ALTER TABLE contract ADD COLUMN close_date date NULL')
    await q.query('ALTER TABLE contract ADD COLUMN locked boolean NOT NULL DEFAULT false')
    await q.query('ALTER TABLE contract ADD COLUMN pending_closure jsonb NULL')
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE contract SET status = 'approved' WHERE status = 'closing'`)
    for (const column of ['pending_closure', 'locked', 'close_date', 'close_note', 'closed_by', 'closed_at'])
      await q.query(`ALTER TABLE contract DROP COLUMN ${column}`)
    await q.query('ALTER TABLE contract DROP CONSTRAINT contract_status_check')
    await q.query(`ALTER TABLE contract ADD CONSTRAINT contract_status_check CHECK (status IN
      ('draft', 'pending', 'approved', 'completed', 'closed', 'rejected', 'terminated', 'voided'))`)
    await q.query('DROP TABLE contract_receivable')
  }
}

/**
 * Each ticket as tickets last reported it (`tickets.ticket.changed`, latest by changed_at): the
 * contract's closure gate "no open tickets" (decision 101).
 */
export class OrdersContractTickets1766100500000 implements MigrationInterface {
  name = 'OrdersContractTickets1766100500000'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE contract_ticket (
        ticket_id uuid PRIMARY KEY,
        contract_id uuid NULL,
        number varchar(40) NOT NULL,
        open boolean NOT NULL,
        changed_at timestamptz NOT NULL)`)
    // The gate and the contract's screen read a contract's open tickets only.
    await q.query('CREATE INDEX contract_ticket_open_idx ON contract_ticket (contract_id, number) WHERE open')
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE contract_ticket')
  }
}

/** In timestamp order; the preset runs whatever is pending at start, after the kit's own. */
export const migrations = [
  OrdersProducts1765100000000,
  OrdersQuotes1765200000000,
  OrdersQuoteApproval1765300000000,
  OrdersContracts1765400000000,
  OrdersSalesOrders1765500000000,
  OrdersQuoteFiles1765600000000,
  OrdersOrderClosureApproval1765650000000,
  OrdersFinanceGates1766000400000,
  OrdersContractTickets1766100500000,
]
