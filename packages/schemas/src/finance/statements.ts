import { z } from 'zod'
import { Id, IsoDate, PageQuery } from '../common.js'
import { optionalText } from '../sales/common.js'

/**
 * A reconciliation statement (对账单, SPEC §7.5): one customer's account with us for a period, computed by
 * finance from its receivables, payments and invoices. The customer's contact sees it in the portal and
 * confirms or disputes it; finance sees every response. Amounts are decimal text.
 */
export const StatementContractLine = z.object({
  contractId: Id,
  contractNumber: z.string(),
  contractName: z.string(),
  signDate: z.string().nullable(),
  total: z.string(),
  /** Confirmed payments up to the period's end. */
  receivedToEnd: z.string(),
  /** total − receivedToEnd: what the customer still owes at the period's end. */
  outstandingAtEnd: z.string(),
})
export const StatementPaymentLine = z.object({
  paymentId: Id,
  number: z.string(),
  contractNumber: z.string(),
  paidOn: z.string(),
  /** Dictionary `payment_method`. */
  method: z.string(),
  amount: z.string(),
})
export const StatementInvoiceLine = z.object({
  invoiceId: Id,
  invoiceNumber: z.string(),
  contractNumber: z.string(),
  issueDate: z.string(),
  /** Dictionary `invoice_type`. */
  type: z.string(),
  amount: z.string(),
})

export const STATEMENT_RESPONSES = ['confirmed', 'disputed'] as const
export const StatementResponseStatus = z.enum(STATEMENT_RESPONSES)

/** A contact's answer to a statement, with the figures it answered. */
export const StatementResponse = z.object({
  id: Id,
  customerId: Id,
  customerName: z.string(),
  from: z.string(),
  to: z.string(),
  status: StatementResponseStatus,
  note: z.string().nullable(),
  /** The portal account and the contact's name. */
  accountId: Id,
  respondentName: z.string(),
  respondedAt: z.string(),
  /** The statement's fingerprint when answered; a later change of the figures makes it stale. */
  digest: z.string(),
  outstandingAtEnd: z.string(),
  receivedInPeriod: z.string(),
  invoicedInPeriod: z.string(),
})
export type StatementResponse = z.infer<typeof StatementResponse>

/** A response as finance's list shows it: stale when the statement's figures changed since. */
export const StatementResponseListItem = StatementResponse.extend({ stale: z.boolean() })
export type StatementResponseListItem = z.infer<typeof StatementResponseListItem>

export const Statement = z.object({
  customerId: Id,
  customerName: z.string(),
  from: z.string(),
  to: z.string(),
  /** Contracts signed by the period's end (not cancelled), with their balance at the end. */
  contracts: z.array(StatementContractLine),
  /** Confirmed payments dated in the period. */
  payments: z.array(StatementPaymentLine),
  /** Invoices issued (or mailed) in the period. */
  invoices: z.array(StatementInvoiceLine),
  totals: z.object({
    contractTotal: z.string(),
    receivedInPeriod: z.string(),
    invoicedInPeriod: z.string(),
    outstandingAtEnd: z.string(),
  }),
  /** A fingerprint of the figures above (sha-256 hex); a response names the one it answers. */
  digest: z.string(),
  /** The latest response for this customer and period, and whether the figures changed since. */
  response: StatementResponse.nullable(),
  responseStale: z.boolean(),
})
export type Statement = z.infer<typeof Statement>

export const StatementQuery = z
  .object({ from: IsoDate, to: IsoDate })
  .refine((p) => p.from <= p.to, { path: ['to'], message: 'validation.period_order' })
export type StatementQuery = z.infer<typeof StatementQuery>

/** Finance staff read a customer's statement as the portal shows it. */
export const StaffStatementQuery = z
  .object({ customerId: Id, from: IsoDate, to: IsoDate })
  .refine((p) => p.from <= p.to, { path: ['to'], message: 'validation.period_order' })
export type StaffStatementQuery = z.infer<typeof StaffStatementQuery>

/** The contact's answer from the portal; a dispute needs a note. */
export const StatementRespond = z
  .strictObject({
    from: IsoDate,
    to: IsoDate,
    digest: z.string().regex(/^[0-9a-f]{64}$/),
    status: StatementResponseStatus,
    note: optionalText(1000),
  })
  .refine((r) => r.status === 'confirmed' || !!r.note, { path: ['note'], message: 'validation.dispute_note' })
export type StatementRespond = z.input<typeof StatementRespond>

/** What the tickets service adds when it passes a portal answer on to finance (`/internal/...`). */
export const InternalStatementRespond = z.strictObject({
  from: IsoDate,
  to: IsoDate,
  digest: z.string(),
  status: StatementResponseStatus,
  note: z.string().nullable().optional(),
  accountId: Id,
  respondentName: z.string().min(1).max(100),
})
export type InternalStatementRespond = z.input<typeof InternalStatementRespond>

export const StatementResponseListQuery = PageQuery.extend({
  customerId: Id.optional(),
  status: StatementResponseStatus.optional(),
  /** Customer name (any part). */
  q: optionalText(100),
})
export type StatementResponseListQuery = z.infer<typeof StatementResponseListQuery>
