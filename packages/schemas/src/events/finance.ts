import { z } from 'zod'
import { Id } from '../common.js'
import { ReceivableStatus } from '../finance/receivables.js'

/** What every receivable event says about the receivable (as it is after the event). */
const ReceivableIdentity = {
  receivableId: Id,
  contractId: Id,
  contractNumber: z.string(),
  customerId: Id,
  customerName: z.string(),
  ownerId: Id.nullable(),
  deptId: Id.nullable(),
}

/**
 * `finance.receivable.progressed`: a receivable's figures changed (created, payment confirmed or
 * removed, write-off, invoice, plan, contract change or void). Consumers keep the latest by
 * `progressedAt` per contract: orders for the closure gates and the contract list's collected %,
 * sales for the customer's collected %. Amounts are decimal text.
 */
export const ReceivableProgressedPayload = z.object({
  ...ReceivableIdentity,
  status: ReceivableStatus,
  total: z.string(),
  received: z.string(),
  outstanding: z.string(),
  collectedPercent: z.string(),
  invoiced: z.string(),
  /** Live (confirmed or pending) payments and non-voided invoices: what a contract's delete guard names. */
  paymentCount: z.number().int(),
  invoiceCount: z.number().int(),
  instalmentsPaid: z.number().int(),
  instalmentCount: z.number().int(),
  overdue: z.boolean(),
  /** When finance computed these figures (ISO); a consumer ignores an older one than it holds. */
  progressedAt: z.string(),
})
export type ReceivableProgressedPayload = z.infer<typeof ReceivableProgressedPayload>

/** `finance.receivable.overdue`: instalments passed their due date unpaid (once per instalment); admin notifies the owner. */
export const ReceivableOverduePayload = z.object({
  ...ReceivableIdentity,
  contractName: z.string(),
  overdueAmount: z.string(),
  instalments: z.array(
    z.object({ id: Id, seq: z.number().int(), dueDate: z.string(), remaining: z.string() }),
  ),
})
export type ReceivableOverduePayload = z.infer<typeof ReceivableOverduePayload>
