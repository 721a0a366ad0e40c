import { z } from 'zod'
import { bulkEditOf } from '../workbench/bulk.js'
import { Id, PageQuery, RecordMeta } from '../common.js'
import { Attachment } from '../attachments.js'
import { CreatedRange, DateOnly, OwnerFields, optionalDict, optionalText } from '../sales/common.js'
import { Percent } from './products.js'
import { QuoteLine, QuoteLineInput, QUOTE_LINES_MAX } from './quotes.js'

/**
 * A sales contract's life (SPEC 2.3): `draft` → `pending` (waiting for approval) → `approved`
 * (生效, in force) → `completed` / `closed` (结单, under the contract closure rule; `closing` while the
 * close waits for approval); or `rejected` (editable again), `terminated` (终止, ended early with a
 * reason), `voided` (作废, cancelled before anything was performed).
 */
export const CONTRACT_STATUSES = [
  'draft',
  'pending',
  'approved',
  /** A close (结单) waiting for approval (the rule's, or a forced close's): locked meanwhile. */
  'closing',
  'completed',
  'closed',
  'rejected',
  'terminated',
  'voided',
] as const
export const ContractStatus = z.enum(CONTRACT_STATUSES)
export type ContractStatus = z.infer<typeof ContractStatus>

/**
 * The statuses of a contract that was signed and took effect (生效): approved, and whatever became of
 * it since except voiding (作废 cancels it as if never made). The contract amount of the home
 * dashboard sums these, and the list's `signed` filter selects them.
 */
export const CONTRACT_SIGNED_STATUSES = [
  'approved',
  'closing',
  'completed',
  'closed',
  'terminated',
] as const satisfies readonly ContractStatus[]

/** The statuses in which a contract may be edited or deleted. */
export const CONTRACT_EDITABLE_STATUSES = ['draft', 'rejected'] as const satisfies readonly ContractStatus[]

/** The quote statuses a contract may be created from. */
export const CONTRACT_SOURCE_QUOTE_STATUSES = ['approved', 'sent', 'accepted'] as const

/** Files a contract scan may be: PDF or an image, with the extensions each may carry. */
export const CONTRACT_SCAN_TYPES: Readonly<Record<string, readonly string[]>> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/webp': ['webp'],
}

/** Maximum lines on one contract (as on a quote) and scans attached to it. */
export const CONTRACT_LINES_MAX = QUOTE_LINES_MAX
export const CONTRACT_ATTACHMENTS_MAX = 20
/** Longest warranty period, in months. */
export const WARRANTY_MONTHS_MAX = 240

/**
 * A contract line as sent. Unlike a quote's, the unit price INCLUDES tax (SPEC 2.3): the service
 * computes total = qty × price × (1 − discount), then the tax inside it and the net (decision §69).
 * Price and tax rate default to the product's.
 */
export const ContractLineInput = QuoteLineInput
export type ContractLineInput = z.input<typeof ContractLineInput>

/** A stored line: the product as it was, the tax-included unit price and the computed figures. */
export const ContractLine = QuoteLine
export type ContractLine = z.infer<typeof ContractLine>

/** A contract's business values: what a revision keeps and a change proposes. */
export const ContractValues = z.object({
  name: z.string(),
  customerId: Id,
  customerName: z.string(),
  contactId: Id.nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  quoteId: Id.nullable(),
  quoteNumber: z.string().nullable(),
  /** Dictionary `payment_method`. */
  paymentMethod: z.string().nullable(),
  /** Percent text with 2 decimals (预付比例). */
  prepayRatio: z.string().nullable(),
  /** Percent text with 2 decimals (质保金比例). */
  retentionRatio: z.string().nullable(),
  warrantyMonths: z.number().int().nullable(),
  /** Dictionary `invoice_type` (专票 / 普票). */
  invoiceType: z.string().nullable(),
  invoiceTitle: z.string().nullable(),
  invoiceTaxNumber: z.string().nullable(),
  invoiceAddressPhone: z.string().nullable(),
  invoiceBank: z.string().nullable(),
  invoiceAccount: z.string().nullable(),
  deliveryDate: z.string().nullable(),
  consignee: z.string().nullable(),
  consigneePhone: z.string().nullable(),
  deliveryAddress: z.string().nullable(),
  signDate: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  remark: z.string().nullable(),
  attachments: z.array(Attachment),
  lines: z.array(ContractLine),
  /** Sum of the lines' nets (tax excluded). */
  subtotal: z.string(),
  taxTotal: z.string(),
  /** The contract amount: sum of the lines' tax-included totals. */
  total: z.string(),
})
export type ContractValues = z.infer<typeof ContractValues>

/** The names of a contract's business values, in the order a revision comparison lists them. */
export const CONTRACT_VALUE_FIELDS = Object.keys(ContractValues.shape) as (keyof ContractValues)[]

export const CONTRACT_CHANGE_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const
export const ContractChangeStatus = z.enum(CONTRACT_CHANGE_STATUSES)
export type ContractChangeStatus = z.infer<typeof ContractChangeStatus>

/** The change (变更) of an approved contract that waits for approval, as the contract shows it. */
export const PendingContractChange = z.object({
  id: Id,
  reason: z.string(),
  total: z.string(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
})
export type PendingContractChange = z.infer<typeof PendingContractChange>

/**
 * The contract's money as finance last reported it (`finance.receivable.progressed`), decimal
 * text; null on a contract before finance has reported.
 */
export const ContractReceivable = z.object({
  received: z.string(),
  invoiced: z.string(),
  outstanding: z.string(),
  /** Received over total, percent text with 2 decimals. */
  collectedPercent: z.string(),
})
export type ContractReceivable = z.infer<typeof ContractReceivable>

export const Contract = z.object({
  ...RecordMeta,
  number: z.string(),
  status: ContractStatus,
  /** 1 when first approved values are in force; +1 with each approved change. */
  revision: z.number().int().nonnegative(),
  ...ContractValues.shape,
  ...OwnerFields,
  pendingChange: PendingContractChange.nullable(),
  /** The reason given when voided or terminated. */
  endReason: z.string().nullable(),
  receivable: ContractReceivable.nullable(),
  /**
   * The numbers of the contract's open tickets as the tickets service last reported them (the
   * closure gate "no open tickets"), in number order.
   */
  openTickets: z.array(z.string()),
  /** The close (结单): when, by whom, its note and date; `locked` when the rule locks closed contracts. */
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  closeNote: z.string().nullable(),
  closeDate: z.string().nullable(),
  locked: z.boolean(),
})
export type Contract = z.infer<typeof Contract>

const ratio = Percent.nullable().optional()

/** The editable fields; the customer snapshot, numbers and figures are the service's. */
const ContractFields = {
  name: z.string().trim().min(1).max(200),
  customerId: Id,
  contactId: Id.nullable().optional(),
  paymentMethod: optionalDict,
  prepayRatio: ratio,
  retentionRatio: ratio,
  warrantyMonths: z.number().int().min(0).max(WARRANTY_MONTHS_MAX).nullable().optional(),
  invoiceType: optionalDict,
  invoiceTitle: optionalText(200),
  invoiceTaxNumber: optionalText(40),
  invoiceAddressPhone: optionalText(300),
  invoiceBank: optionalText(200),
  invoiceAccount: optionalText(60),
  deliveryDate: DateOnly.nullable().optional(),
  consignee: optionalText(100),
  consigneePhone: optionalText(40),
  deliveryAddress: optionalText(300),
  signDate: DateOnly.nullable().optional(),
  startDate: DateOnly.nullable().optional(),
  endDate: DateOnly.nullable().optional(),
  remark: optionalText(2000),
  attachments: z.array(Attachment).max(CONTRACT_ATTACHMENTS_MAX).optional(),
  lines: z.array(ContractLineInput).min(1).max(CONTRACT_LINES_MAX),
}

/**
 * A new draft. With `quoteId` (an approved, sent or accepted quote) the customer, contact and
 * lines are copied from the quote unless sent; without it `customerId` and `lines` are required.
 */
export const ContractCreate = z.strictObject({
  ...ContractFields,
  customerId: Id.optional(),
  lines: ContractFields.lines.optional(),
  quoteId: Id.nullable().optional(),
})
export type ContractCreate = z.input<typeof ContractCreate>

/** An edit of a draft or rejected contract; lines, when sent, replace all of them. */
export const ContractUpdate = z.strictObject({
  ...ContractFields,
  name: ContractFields.name.optional(),
  customerId: Id.optional(),
  lines: ContractFields.lines.optional(),
})
export type ContractUpdate = z.input<typeof ContractUpdate>

/** 批量修改 of contracts: payment method and invoice type, through the contract's edit rule (drafts). */
export const ContractBulkEdit = bulkEditOf(ContractUpdate.pick({ paymentMethod: true, invoiceType: true }))
export type ContractBulkEdit = z.input<typeof ContractBulkEdit>

/** Submitting for approval (审核), with an optional word for the approvers. */
export const ContractSubmit = z.strictObject({ comment: optionalText(500) })
export type ContractSubmit = z.input<typeof ContractSubmit>

/**
 * A change (变更) of an approved contract: the new values (as an edit; the customer stays) and
 * why. It waits for approval as `contract-change` while the contract stays in force unchanged.
 */
export const ContractChangeCreate = z.strictObject({
  ...ContractUpdate.omit({ customerId: true }).shape,
  reason: z.string().trim().min(1).max(500),
})
export type ContractChangeCreate = z.input<typeof ContractChangeCreate>

export const ContractChange = z.object({
  id: Id,
  contractId: Id,
  status: ContractChangeStatus,
  reason: z.string(),
  /** The revision the change was made against, and the values it proposes. */
  baseRevision: z.number().int(),
  proposed: ContractValues,
  totalBefore: z.string(),
  totalAfter: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  createdByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedByName: z.string().nullable(),
  comment: z.string().nullable(),
})
export type ContractChange = z.infer<typeof ContractChange>

/** A revision kept when a contract's values were replaced (or first came into force). */
export const ContractRevision = z.object({
  id: Id,
  contractId: Id,
  revision: z.number().int(),
  values: ContractValues,
  /** The change that produced it (null for the first approval). */
  changeId: Id.nullable(),
  reason: z.string().nullable(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
})
export type ContractRevision = z.infer<typeof ContractRevision>

/** Void (作废) or terminate (终止): the reason is required. */
export const ContractEnd = z.strictObject({ reason: z.string().trim().min(1).max(500) })
export type ContractEnd = z.input<typeof ContractEnd>

/**
 * 结单: the closing inputs the contract closure rule may require (closeNote, closeDate), and the
 * reason for closing although a precondition is unmet (强制结单: the close then waits for the
 * `closure-override` approval).
 */
export const ContractClose = z.strictObject({
  closeNote: optionalText(1000),
  closeDate: DateOnly.nullable().optional(),
  overrideReason: optionalText(500),
})
export type ContractClose = z.input<typeof ContractClose>

export const ContractReopen = z.strictObject({ reason: z.string().trim().min(1).max(500) })
export type ContractReopen = z.input<typeof ContractReopen>

/** What may depend on a contract, one kind per entry (sales orders now; receivables, invoices later). */
export const CONTRACT_DEPENDANT_KINDS = ['order', 'receivable', 'invoice'] as const
export const ContractDependantKind = z.enum(CONTRACT_DEPENDANT_KINDS)
export type ContractDependantKind = z.infer<typeof ContractDependantKind>

export const ContractDependant = z.object({
  kind: ContractDependantKind,
  count: z.number().int().positive(),
  /** Up to a few numbers or titles, for the confirmation to name. */
  examples: z.array(z.string()),
})
export type ContractDependant = z.infer<typeof ContractDependant>

/** The confirmation's answer: what depends on the contract and which actions its state allows. */
export const ContractDependants = z.object({
  dependants: z.array(ContractDependant),
  canDelete: z.boolean(),
  canVoid: z.boolean(),
  canTerminate: z.boolean(),
})
export type ContractDependants = z.infer<typeof ContractDependants>

export const ContractListQuery = PageQuery.extend({
  /** Number from its start, or any part of the name or the customer's name. */
  q: optionalText(100),
  status: ContractStatus.optional(),
  customerId: Id.optional(),
  ownerId: Id.optional(),
  signFrom: DateOnly.optional(),
  signTo: DateOnly.optional(),
  /** "true": only contracts signed and in effect at some point (`CONTRACT_SIGNED_STATUSES`); "false": the others. */
  signed: z.enum(['true', 'false']).optional(),
  ...CreatedRange,
})
export type ContractListQuery = z.infer<typeof ContractListQuery>
