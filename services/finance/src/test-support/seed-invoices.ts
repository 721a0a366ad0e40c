import { randomUUID } from 'node:crypto'
import type { FinanceHarness } from './harness.js'

export interface SeededReceivable {
  id: string
  contractId: string
  contractNumber: string
  customerId: string
  customerName: string
  instalments: Array<{ id: string; seq: number; amount: string; cancelled: boolean }>
}

interface SeedOptions {
  ownerId: string | null
  deptId?: string | null
  customerName?: string
  contractNumber?: string
  total?: string
  status?: 'open' | 'collected' | 'cancelled'
  /** Instalment amounts in plan order; a `!` suffix marks one cancelled. */
  instalments?: string[]
}

/**
 * A receivable with its plan written straight into finance's tables, for the invoice tests (the
 * receivables module makes them from contract events; these tests need only the rows beneath).
 */
export async function seedReceivable(h: FinanceHarness, o: SeedOptions): Promise<SeededReceivable> {
  const id = randomUUID()
  const contractId = randomUUID()
  const customerId = randomUUID()
  const contractNumber = o.contractNumber ?? `HT${contractId.slice(0, 8).toUpperCase()}`
  const customerName = o.customerName ?? '华东制造有限公司'
  const db = h.service.db.dataSource
  await db.query(
    `INSERT INTO receivable (id, contract_id, contract_number, contract_name, contract_revision, customer_id,
       customer_name, owner_id, owner_name, dept_id, sign_date, status, total, invoice_type, invoice_title)
     VALUES ($1, $2, $3, '年度供货合同', 1, $4, $5, $6, '销售代表', $7, '2026-01-10', $8, $9, 'vat_special', $5)`,
    [
      id,
      contractId,
      contractNumber,
      customerId,
      customerName,
      o.ownerId,
      o.deptId ?? null,
      o.status ?? 'open',
      o.total ?? '100000.00',
    ],
  )
  const instalments: SeededReceivable['instalments'] = []
  for (const [i, spec] of (o.instalments ?? ['30000.00', '70000.00']).entries()) {
    const cancelled = spec.endsWith('!')
    const amount = spec.replace('!', '')
    const row = { id: randomUUID(), seq: i + 1, amount, cancelled }
    await db.query(
      `INSERT INTO instalment (id, receivable_id, seq, kind, due_date, amount, cancelled)
       VALUES ($1, $2, $3, 'progress', $4, $5, $6)`,
      [row.id, id, row.seq, `2026-0${i + 2}-01`, amount, cancelled],
    )
    instalments.push(row)
  }
  return { id, contractId, contractNumber, customerId, customerName, instalments }
}

/** The receivable's cached figures as finance holds them. */
export async function figuresOf(h: FinanceHarness, id: string) {
  const [row] = await h.service.db.dataSource.query(
    'SELECT invoiced::text, invoice_count, status FROM receivable WHERE id = $1',
    [id],
  )
  return row as { invoiced: string; invoice_count: number; status: string }
}
