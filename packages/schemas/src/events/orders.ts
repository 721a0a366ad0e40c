import { z } from 'zod'
import { Id } from '../common.js'

/** What every contract event says about the contract (as it is after the event). */
const ContractIdentity = {
  id: Id,
  number: z.string(),
  name: z.string(),
  customerId: Id,
  customerName: z.string(),
  ownerId: Id.nullable(),
  ownerName: z.string().nullable(),
  deptId: Id.nullable(),
}

/** A contract's money terms, as finance reads them to build receivables (decimal text). */
const ContractAmounts = z.object({
  /** The contract amount (tax included). */
  total: z.string(),
  subtotal: z.string(),
  taxTotal: z.string(),
  prepayRatio: z.string().nullable(),
  retentionRatio: z.string().nullable(),
  warrantyMonths: z.number().int().nullable(),
})

/** The contract's invoice details: the defaults of a new invoice in finance. */
const ContractInvoiceInfo = z.object({
  type: z.string().nullable(),
  title: z.string().nullable(),
  taxNumber: z.string().nullable(),
})

const ContractLineSummary = z.object({
  productId: Id,
  productName: z.string(),
  quantity: z.string(),
  /** The line's tax-included total. */
  total: z.string(),
})

/** `orders.contract.approved`: a contract came into force (生效). */
export const ContractApprovedPayload = z.object({
  ...ContractIdentity,
  revision: z.number().int(),
  amounts: ContractAmounts,
  invoiceInfo: ContractInvoiceInfo.nullable().default(null),
  signDate: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  lines: z.array(ContractLineSummary),
})
export type ContractApprovedPayload = z.infer<typeof ContractApprovedPayload>

/** `orders.contract.changed`: an approved change (变更) replaced the contract's values. */
export const ContractChangedPayload = z.object({
  ...ContractIdentity,
  changeId: Id,
  reason: z.string(),
  /** The revision now in force and the one it replaced. */
  revision: z.number().int(),
  previousRevision: z.number().int(),
  totalBefore: z.string(),
  totalAfter: z.string(),
  amounts: ContractAmounts,
  invoiceInfo: ContractInvoiceInfo.nullable().default(null),
  signDate: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  lines: z.array(ContractLineSummary),
})
export type ContractChangedPayload = z.infer<typeof ContractChangedPayload>

/** `orders.contract.voided`: a contract in force was voided (作废) or terminated (终止), with the reason. */
export const ContractVoidedPayload = z.object({
  ...ContractIdentity,
  kind: z.enum(['voided', 'terminated']),
  reason: z.string(),
  total: z.string(),
})
export type ContractVoidedPayload = z.infer<typeof ContractVoidedPayload>

/**
 * `orders.contract.closed`: a contract was closed (结单) under the contract closure rule; with the
 * reason when it was a forced close (closure-override) despite an unmet precondition.
 */
export const ContractClosedPayload = z.object({
  ...ContractIdentity,
  total: z.string(),
  closeDate: z.string(),
  closeNote: z.string().nullable(),
  overrideReason: z.string().nullable(),
})
export type ContractClosedPayload = z.infer<typeof ContractClosedPayload>

/** What every sales order event says about the order (as it is after the event). */
const OrderIdentity = {
  id: Id,
  number: z.string(),
  contractId: Id,
  contractNumber: z.string(),
  customerId: Id,
  customerName: z.string(),
  ownerId: Id.nullable(),
  ownerName: z.string().nullable(),
  deptId: Id.nullable(),
  /** The order amount (tax included), decimal text. */
  total: z.string(),
}

/** `orders.order.shipped`: the last of an order's quantities went out (fully shipped). */
export const OrderShippedPayload = z.object({ ...OrderIdentity })
export type OrderShippedPayload = z.infer<typeof OrderShippedPayload>

/** `orders.order.closed`: an order was closed (结单) under the closure rule. */
export const OrderClosedPayload = z.object({
  ...OrderIdentity,
  closeDate: z.string(),
  closeNote: z.string().nullable(),
})
export type OrderClosedPayload = z.infer<typeof OrderClosedPayload>
