import { createHash } from 'node:crypto'
import type { EntityManager } from 'typeorm'
import { leftOf, sumMoney } from '@mosaic/money'
import type { finance } from '@mosaic/schemas'
import { notFound } from '@mosaic/service-kit'

/** The statement's figures, before the latest response is looked up. */
export type StatementFigures = Omit<finance.Statement, 'response' | 'responseStale'>

/**
 * A customer's statement for [from, to] (SPEC §7.5), from the rows as they stand:
 * - contracts signed by `to` and not cancelled, each with the confirmed payments dated by `to`
 *   (whenever they fall: a payment before the period still reduces what is owed at its end);
 * - the customer's confirmed payments dated within the period;
 * - its invoices issued (or mailed) with an issue date within the period.
 * A customer finance has never had a receivable for is unknown here: 404
 * `finance.statement.no_customer` (finance knows a customer only through its contracts, so it has
 * no name to print on an empty statement). A known customer with nothing in the period gets an
 * empty statement with zero totals.
 */
export async function computeStatement(
  m: EntityManager,
  customerId: string,
  from: string,
  to: string,
): Promise<StatementFigures> {
  const customerName = await customerNameOf(m, customerId)
  if (customerName === undefined) throw notFound('finance.statement.no_customer')
  const [contracts, payments, invoices] = [
    await contractLines(m, customerId, to),
    await paymentLines(m, customerId, from, to),
    await invoiceLines(m, customerId, from, to),
  ]
  const totals = {
    contractTotal: sumMoney(contracts.map((c) => c.total)),
    receivedInPeriod: sumMoney(payments.map((p) => p.amount)),
    invoicedInPeriod: sumMoney(invoices.map((i) => i.amount)),
    outstandingAtEnd: sumMoney(contracts.map((c) => c.outstandingAtEnd)),
  }
  const figures = { customerId, from, to, contracts, payments, invoices, totals }
  return { ...figures, customerName, digest: digestOf(figures) }
}

/** The customer's name as its most recent receivable holds it (contract events keep it current). */
async function customerNameOf(m: EntityManager, customerId: string): Promise<string | undefined> {
  const [row] = (await m.query(
    `SELECT customer_name FROM receivable WHERE customer_id = $1
      ORDER BY created_at DESC, id DESC LIMIT 1`,
    [customerId],
  )) as Array<{ customer_name: string }>
  return row?.customer_name
}

async function contractLines(
  m: EntityManager,
  customerId: string,
  to: string,
): Promise<finance.Statement['contracts']> {
  const rows = (await m.query(
    `SELECT r.contract_id, r.contract_number, r.contract_name, r.sign_date::text AS sign_date,
            r.total::text AS total,
            (SELECT COALESCE(sum(p.amount), 0)::numeric(18,2)::text FROM payment p
              WHERE p.receivable_id = r.id AND p.deleted_at IS NULL AND p.status = 'confirmed'
                AND p.paid_on <= $2) AS received
       FROM receivable r
      WHERE r.customer_id = $1 AND r.deleted_at IS NULL AND r.status <> 'cancelled'
        AND COALESCE(r.sign_date, r.created_at::date) <= $2
      ORDER BY r.sign_date NULLS LAST, r.contract_number, r.id`,
    [customerId, to],
  )) as Array<Record<string, string | null>>
  return rows.map((r) => ({
    contractId: r.contract_id!,
    contractNumber: r.contract_number!,
    contractName: r.contract_name!,
    signDate: r.sign_date ?? null,
    total: r.total!,
    receivedToEnd: r.received!,
    outstandingAtEnd: leftOf(r.total!, r.received!),
  }))
}

async function paymentLines(
  m: EntityManager,
  customerId: string,
  from: string,
  to: string,
): Promise<finance.Statement['payments']> {
  const rows = (await m.query(
    `SELECT id, number, contract_number, paid_on::text AS paid_on, method, amount::text AS amount
       FROM payment
      WHERE customer_id = $1 AND deleted_at IS NULL AND status = 'confirmed'
        AND paid_on BETWEEN $2 AND $3
      ORDER BY paid_on, number, id`,
    [customerId, from, to],
  )) as Array<Record<string, string>>
  return rows.map((p) => ({
    paymentId: p.id!,
    number: p.number!,
    contractNumber: p.contract_number!,
    paidOn: p.paid_on!,
    method: p.method!,
    amount: p.amount!,
  }))
}

async function invoiceLines(
  m: EntityManager,
  customerId: string,
  from: string,
  to: string,
): Promise<finance.Statement['invoices']> {
  const rows = (await m.query(
    `SELECT id, invoice_number, contract_number, issue_date::text AS issue_date, type, amount::text AS amount
       FROM invoice
      WHERE customer_id = $1 AND deleted_at IS NULL AND status IN ('issued', 'mailed')
        AND issue_date BETWEEN $2 AND $3
      ORDER BY issue_date, invoice_number, id`,
    [customerId, from, to],
  )) as Array<Record<string, string | null>>
  return rows.map((i) => ({
    invoiceId: i.id!,
    invoiceNumber: i.invoice_number ?? '',
    contractNumber: i.contract_number!,
    issueDate: i.issue_date!,
    type: i.type!,
    amount: i.amount!,
  }))
}

/**
 * sha-256 hex of the figures as canonical JSON (keys sorted at every level, lines in the queries'
 * fixed order): the same figures always give the same digest, any changed line or amount another.
 * The customer's name is left out: a renamed customer owes the same money.
 */
export function digestOf(figures: Omit<StatementFigures, 'customerName' | 'digest'>): string {
  return createHash('sha256').update(canonicalJson(figures)).digest('hex')
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}
