import type { EntityManager } from 'typeorm'
import { percentText } from '@mosaic/money'
import type { sales } from '@mosaic/schemas'
import { defineHandlers, type CallerContext } from '@mosaic/service-kit'
import { customers } from './customers.store.js'

/**
 * `finance.receivable.progressed`: the contract's latest figures replace what sales holds, unless
 * they are older than it (events may arrive out of order; finance stamps each computation).
 */
export const receivableHandlers = defineHandlers({
  'finance.receivable.progressed': async (p, { m }) => {
    await m.query(
      `INSERT INTO customer_receivable (contract_id, customer_id, total, received, invoiced, status, progressed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (contract_id) DO UPDATE SET customer_id = EXCLUDED.customer_id, total = EXCLUDED.total,
         received = EXCLUDED.received, invoiced = EXCLUDED.invoiced, status = EXCLUDED.status,
         progressed_at = EXCLUDED.progressed_at
       WHERE customer_receivable.progressed_at < EXCLUDED.progressed_at`,
      [p.contractId, p.customerId, p.total, p.received, p.invoiced, p.status, p.progressedAt],
    )
  },
})

interface SumsRow {
  contract_count: number
  total: string
  received: string
  outstanding: string
  invoiced: string
  progressed_at: Date | null
}

/** The customer's contracts in force summed (a cancelled receivable counts for nothing); 404 outside scope. */
export async function receivablesSummary(
  m: EntityManager,
  ctx: CallerContext,
  customerId: string,
): Promise<sales.CustomerReceivablesSummary> {
  await customers.get(m, customerId, ctx)
  const [row]: SumsRow[] = await m.query(
    `SELECT count(*)::int AS contract_count, coalesce(sum(total), 0)::numeric(18,2)::text AS total,
            coalesce(sum(received), 0)::numeric(18,2)::text AS received,
            coalesce(sum(greatest(total - received, 0)), 0)::numeric(18,2)::text AS outstanding,
            coalesce(sum(invoiced), 0)::numeric(18,2)::text AS invoiced,
            max(progressed_at) AS progressed_at
       FROM customer_receivable WHERE customer_id = $1 AND status <> 'cancelled'`,
    [customerId],
  )
  const r = row!
  return {
    contractCount: Number(r.contract_count),
    total: r.total,
    received: r.received,
    outstanding: r.outstanding,
    collectedPercent: percentText(r.received, r.total),
    invoiced: r.invoiced,
    progressedAt: r.progressed_at ? new Date(r.progressed_at).toISOString() : null,
  }
}
