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
