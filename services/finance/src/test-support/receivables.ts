import { randomUUID } from 'node:crypto'
import type { EventPayloadInput } from '@mosaic/schemas'
import { refreshReceivable } from '../modules/receivables/receivables.figures.js'
import { approvedContract, fromOrders, type FinanceHarness } from './harness.js'

type Approved = EventPayloadInput<'orders.contract.approved'>

/** The receivable of a contract as the database holds it (id, version), or undefined. */
export async function receivableOfContract(h: FinanceHarness, contractId: string) {
  const [row] = (await h.service.db.dataSource.query(
    'SELECT id, version FROM receivable WHERE contract_id = $1',
    [contractId],
  )) as Array<{ id: string; version: number }>
  return row
}

/** Orders approves a contract (see `approvedContract`); answers the contract and its receivable's id. */
export async function approve(
  h: FinanceHarness,
  secret: string,
  owner: { id: string; deptId?: string | null },
  over: Parameters<typeof approvedContract>[1] = {},
): Promise<{ contract: Approved; receivableId: string }> {
  const contract = approvedContract(owner, over)
  const res = await fromOrders(h, secret, 'orders.contract.approved', contract)
  if (res.status !== 200) throw new Error(`finance answered ${res.status}: ${JSON.stringify(res.body)}`)
  const row = await receivableOfContract(h, contract.id)
  if (!row) throw new Error('no receivable was made')
  return { contract, receivableId: row.id }
}

/**
 * `amount` received and written off against an instalment, as the payments module records it (a
 * confirmed payment and its write-off), then the receivable's figures refreshed.
 */
export async function writeOff(
  h: FinanceHarness,
  receivableId: string,
  instalmentId: string,
  amount: string,
) {
  await h.service.db.transaction(async (m) => {
    const [r] = await m.query('SELECT * FROM receivable WHERE id = $1 FOR UPDATE', [receivableId])
    const paymentId = randomUUID()
    await m.query(
      `INSERT INTO payment (id, receivable_id, contract_id, contract_number, customer_id, customer_name,
         owner_id, owner_name, dept_id, number, amount, paid_on, method, payer, status, matched)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, '2026-02-01', 'bank_transfer', $6, 'confirmed', 0)`,
      [
        paymentId,
        receivableId,
        r.contract_id,
        r.contract_number,
        r.customer_id,
        r.customer_name,
        r.owner_id,
        r.owner_name,
        r.dept_id,
        `HK${paymentId.slice(0, 8)}`,
        amount,
      ],
    )
    await m.query(
      'INSERT INTO writeoff (id, payment_id, receivable_id, instalment_id, amount) VALUES ($1, $2, $3, $4, $5)',
      [randomUUID(), paymentId, receivableId, instalmentId, amount],
    )
    await refreshReceivable(m, receivableId, '2026-02-01')
  })
}

export interface SeedInstalment {
  kind?: 'prepayment' | 'progress' | 'retention'
  dueDate?: string
  amount: string
  cancelled?: boolean
}

export interface SeededReceivable {
  id: string
  contractId: string
  contractNumber: string
  customerId: string
  customerName: string
  /** The instalments' ids, in plan order. */
  instalments: string[]
}

/**
 * A receivable with its plan, written straight into the tables. The receivables module makes them
 * from `orders.contract.approved`; payment and invoice tests need only the rows, so they do not
 * depend on it. `owner` decides the receivable's data scope (owner and department); by default it
 * is 100,000.00 in two instalments of 30,000.00 and 70,000.00, billed as a VAT special invoice.
 */
export async function seedReceivable(
  h: FinanceHarness,
  o: {
    owner: { id: string | null; name?: string; deptId?: string | null }
    total?: string
    plan?: SeedInstalment[]
    status?: 'open' | 'collected' | 'cancelled'
    customerName?: string
    contractNumber?: string
    /** Another receivable of the same customer when given. */
    customerId?: string
    signDate?: string
  },
): Promise<SeededReceivable> {
  const id = randomUUID()
  const contractId = randomUUID()
  const customerId = o.customerId ?? randomUUID()
  const contractNumber = o.contractNumber ?? `HT${contractId.slice(0, 8).toUpperCase()}`
  const customerName = o.customerName ?? '华东制造有限公司'
  const plan = o.plan ?? [{ amount: '30000.00' }, { amount: '70000.00' }]
  const instalments = plan.map(() => randomUUID())
  await h.service.db.transaction(async (m) => {
    await m.query(
      `INSERT INTO receivable (id, contract_id, contract_number, contract_name, contract_revision, customer_id,
         customer_name, owner_id, owner_name, dept_id, status, total, sign_date, invoice_type, invoice_title)
       VALUES ($1, $2, $3, '年度供货合同', 1, $4, $5, $6, $7, $8, $9, $10, $11, 'vat_special', $5)`,
      [
        id,
        contractId,
        contractNumber,
        customerId,
        customerName,
        o.owner.id,
        o.owner.name ?? '销售代表',
        o.owner.deptId ?? null,
        o.status ?? 'open',
        o.total ?? '100000.00',
        o.signDate ?? '2026-01-10',
      ],
    )
    for (const [i, step] of plan.entries())
      await m.query(
        `INSERT INTO instalment (id, receivable_id, seq, kind, due_date, amount, cancelled)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          instalments[i],
          id,
          i + 1,
          step.kind ?? 'progress',
          step.dueDate ?? '2026-12-31',
          step.amount,
          step.cancelled ?? false,
        ],
      )
  })
  return { id, contractId, contractNumber, customerId, customerName, instalments }
}

/** The receivable's cached figures and its instalments as stored (numbers as text). */
export async function figuresOf(h: FinanceHarness, id: string) {
  const [receivable] = (await h.service.db.dataSource.query(
    `SELECT status, total::text, received::text, invoiced::text, payment_count, invoice_count
       FROM receivable WHERE id = $1`,
    [id],
  )) as Array<{
    status: string
    total: string
    received: string
    invoiced: string
    payment_count: number
    invoice_count: number
  }>
  const instalments = (await h.service.db.dataSource.query(
    'SELECT id, amount::text, matched::text, cancelled FROM instalment WHERE receivable_id = $1 ORDER BY seq',
    [id],
  )) as Array<{ id: string; amount: string; matched: string; cancelled: boolean }>
  return { ...receivable!, instalments }
}
