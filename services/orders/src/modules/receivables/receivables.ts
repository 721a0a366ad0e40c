import type { EntityManager } from 'typeorm'
import type { orders } from '@mosaic/schemas'
import { defineHandlers } from '@mosaic/service-kit'

/** A contract's money as finance last reported it (`contract_receivable`, decimal text). */
export interface ContractReceivableRow {
  contractId: string
  total: string
  received: string
  invoiced: string
  outstanding: string
  collectedPercent: string
  paymentCount: number
  invoiceCount: number
  status: string
  progressedAt: Date
}

const COLUMNS = `contract_id AS "contractId", total, received, invoiced, outstanding,
  collected_percent AS "collectedPercent", payment_count AS "paymentCount",
  invoice_count AS "invoiceCount", status, progressed_at AS "progressedAt"`

/** The figures finance reported for these contracts, by contract (one query for all). */
export async function receivablesOf(
  m: EntityManager,
  contractIds: readonly string[],
): Promise<Map<string, ContractReceivableRow>> {
  if (!contractIds.length) return new Map()
  const rows = (await m.query(
    `SELECT ${COLUMNS} FROM contract_receivable WHERE contract_id = ANY($1::uuid[])`,
    [contractIds],
  )) as ContractReceivableRow[]
  return new Map(rows.map((r) => [r.contractId, r]))
}

export async function receivableOf(m: EntityManager, contractId: string) {
  return (await receivablesOf(m, [contractId])).get(contractId) ?? null
}

/** What a contract shows of its money (null until finance has reported). */
export const presentReceivable = (
  r: ContractReceivableRow | undefined | null,
): orders.ContractReceivable | null =>
  r
    ? {
        received: r.received,
        invoiced: r.invoiced,
        outstanding: r.outstanding,
        collectedPercent: r.collectedPercent,
      }
    : null

/**
 * `finance.receivable.progressed` keeps one row per contract: the latest figures by finance's
 * `progressedAt` (an older event arriving late changes nothing). Stored whatever the contract:
 * finance only reports contracts this service published.
 */
export const receivableHandlers = defineHandlers({
  'finance.receivable.progressed': async (p, { m }) => {
    await m.query(
      `INSERT INTO contract_receivable (contract_id, total, received, invoiced, outstanding,
         collected_percent, payment_count, invoice_count, status, progressed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (contract_id) DO UPDATE SET total = EXCLUDED.total, received = EXCLUDED.received,
         invoiced = EXCLUDED.invoiced, outstanding = EXCLUDED.outstanding,
         collected_percent = EXCLUDED.collected_percent, payment_count = EXCLUDED.payment_count,
         invoice_count = EXCLUDED.invoice_count, status = EXCLUDED.status,
         progressed_at = EXCLUDED.progressed_at
       WHERE contract_receivable.progressed_at <= EXCLUDED.progressed_at`,
      [
        p.contractId,
        p.total,
        p.received,
        p.invoiced,
        p.outstanding,
        p.collectedPercent,
        p.paymentCount,
        p.invoiceCount,
        p.status,
        p.progressedAt,
      ],
    )
  },
})
