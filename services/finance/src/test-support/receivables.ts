import { randomUUID } from 'node:crypto'
import type { FinanceHarness } from './harness.js'

export interface SeedInstalment {
  kind?: 'prepayment' | 'progress' | 'retention'
  dueDate?: string
  amount: string
}

export interface SeededReceivable {
  id: string
  contractId: string
  contractNumber: string
  customerName: string
  instalments: string[]
}

/**
 * A receivable with its plan, written straight into the tables. The receivables module makes them
 * from `orders.contract.approved`; payment tests need only the rows, so they do not depend on it.
 * `owner` decides the receivable's data scope (owner and department).
 */
export async function seedReceivable(
  h: FinanceHarness,
  o: {
    owner: { id: string; name?: string; deptId?: string | null }
    total: string
    plan: SeedInstalment[]
    status?: 'open' | 'collected' | 'cancelled'
    customerName?: string
  },
): Promise<SeededReceivable> {
  const id = randomUUID()
  const contractId = randomUUID()
  const contractNumber = `HT${contractId.slice(0, 8).toUpperCase()}`
  const customerName = o.customerName ?? '华东制造有限公司'
  const instalments = o.plan.map(() => randomUUID())
  await h.service.db.transaction(async (m) => {
    await m.query(
      `INSERT INTO receivable (id, contract_id, contract_number, contract_name, contract_revision, customer_id,
         customer_name, owner_id, owner_name, dept_id, status, total, sign_date)
       VALUES ($1, $2, $3, '年度供货合同', 1, $4, $5, $6, $7, $8, $9, $10, '2026-01-10')`,
      [
        id,
        contractId,
        contractNumber,
        randomUUID(),
        customerName,
        o.owner.id,
        o.owner.name ?? '销售代表',
        o.owner.deptId ?? null,
        o.status ?? 'open',
        o.total,
      ],
    )
    for (const [i, step] of o.plan.entries())
      await m.query(
        `INSERT INTO instalment (id, receivable_id, seq, kind, due_date, amount) VALUES ($1, $2, $3, $4, $5, $6)`,
        [instalments[i], id, i + 1, step.kind ?? 'progress', step.dueDate ?? '2026-12-31', step.amount],
      )
  })
  return { id, contractId, contractNumber, customerName, instalments }
}

/** The receivable's cached figures and its instalments as stored (numbers as text). */
export async function figuresOf(h: FinanceHarness, id: string) {
  const [receivable] = (await h.service.db.dataSource.query(
    `SELECT status, total::text, received::text, payment_count FROM receivable WHERE id = $1`,
    [id],
  )) as Array<{ status: string; total: string; received: string; payment_count: number }>
  const instalments = (await h.service.db.dataSource.query(
    'SELECT id, amount::text, matched::text, cancelled FROM instalment WHERE receivable_id = $1 ORDER BY seq',
    [id],
  )) as Array<{ id: string; amount: string; matched: string; cancelled: boolean }>
  return { ...receivable!, instalments }
}
