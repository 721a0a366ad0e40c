import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * The customer's collection as finance reports it: one row per contract, the latest
 * `finance.receivable.progressed` (by its `progressed_at`), summed for the customer's detail.
 */
export class SalesCustomerReceivables1766000310000 implements MigrationInterface {
  name = 'SalesCustomerReceivables1766000310000'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE customer_receivable (
        contract_id uuid PRIMARY KEY,
        customer_id uuid NOT NULL,
        total numeric(18,2) NOT NULL,
        received numeric(18,2) NOT NULL,
        invoiced numeric(18,2) NOT NULL,
        status varchar(20) NOT NULL,
        progressed_at timestamptz NOT NULL)`)
    await q.query('CREATE INDEX customer_receivable_customer_idx ON customer_receivable (customer_id)')
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE customer_receivable')
  }
}
