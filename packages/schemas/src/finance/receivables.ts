import { z } from 'zod'
import { Id, PageQuery, RecordMeta } from '../common.js'
import { DateOnly, Money, OwnerFields, optionalText } from '../sales/common.js'

/**
 * A receivable (应收账款) is one per contract in force (SPEC §4.1), created by finance when
 * `orders.contract.approved` arrives. `open` while money is due; `collected` once received covers
 * the total; `cancelled` when the contract was voided or terminated (what was received stays).
 */
export const RECEIVABLE_STATUSES = ['open', 'collected', 'cancelled'] as const
export const ReceivableStatus = z.enum(RECEIVABLE_STATUSES)
export type ReceivableStatus = z.infer<typeof ReceivableStatus>

/**
 * Prepayment (预付款): `none` when the contract asks for none; else `pending` (not yet due or
 * partly matched before its due date), `partial`, `paid` or `overdue` (due date passed unpaid).
 */
export const PREPAY_STATUSES = ['none', 'pending', 'partial', 'paid', 'overdue'] as const
export const PrepayStatus = z.enum(PREPAY_STATUSES)
export type PrepayStatus = z.infer<typeof PrepayStatus>

/**
 * Warranty retention (质保金): `none` when the contract holds none; `held` until its release date;
 * `due` once the date has passed and it is unpaid; `partial`; `released` once paid in full.
 */
export const RETENTION_STATUSES = ['none', 'held', 'due', 'partial', 'released'] as const
export const RetentionStatus = z.enum(RETENTION_STATUSES)
export type RetentionStatus = z.infer<typeof RetentionStatus>

/** What an instalment of the payment plan (回款计划) stands for. */
export const INSTALMENT_KINDS = ['prepayment', 'progress', 'retention'] as const
export const InstalmentKind = z.enum(INSTALMENT_KINDS)
export type InstalmentKind = z.infer<typeof InstalmentKind>

/** An instalment's state from what has been written off against it (核销) and its due date. */
export const INSTALMENT_STATUSES = ['unpaid', 'partial', 'paid', 'overdue', 'cancelled'] as const
export const InstalmentStatus = z.enum(INSTALMENT_STATUSES)
export type InstalmentStatus = z.infer<typeof InstalmentStatus>

/** Most instalments one plan may have. */
export const PLAN_INSTALMENTS_MAX = 60

export const Instalment = z.object({
  id: Id,
  receivableId: Id,
  /** 1-based position in the plan, by due date. */
  seq: z.number().int().positive(),
  kind: InstalmentKind,
  dueDate: z.string(),
  amount: z.string(),
  /** Written off against it (核销), decimal text. */
  matched: z.string(),
  /** amount − matched. */
  remaining: z.string(),
  status: InstalmentStatus,
  note: z.string().nullable(),
})
export type Instalment = z.infer<typeof Instalment>

export const Receivable = z.object({
  ...RecordMeta,
  contractId: Id,
  contractNumber: z.string(),
  contractName: z.string(),
  /** The contract revision the figures follow (1 = first approval, +1 per approved change). */
  contractRevision: z.number().int(),
  customerId: Id,
  customerName: z.string(),
  ...OwnerFields,
  signDate: z.string().nullable(),
  status: ReceivableStatus,
  /** The contract amount (tax included). */
  total: z.string(),
  /** Confirmed payments. */
  received: z.string(),
  /** total − received, never below zero. */
  outstanding: z.string(),
  /** received ÷ total as a percentage with 2 decimals ("100.00" once collected). */
  collectedPercent: z.string(),
  /** Non-voided invoices. */
  invoiced: z.string(),
  uninvoiced: z.string(),
  prepayRatio: z.string().nullable(),
  prepayAmount: z.string(),
  prepayDueDate: z.string().nullable(),
  prepayStatus: PrepayStatus,
  retentionRatio: z.string().nullable(),
  retentionAmount: z.string(),
  retentionReleaseDate: z.string().nullable(),
  retentionStatus: RetentionStatus,
  warrantyMonths: z.number().int().nullable(),
  /** Plan progress: instalments paid in full / instalments. */
  instalmentsPaid: z.number().int(),
  instalmentCount: z.number().int(),
  /** Some instalment is past its due date and not paid in full. */
  overdue: z.boolean(),
  overdueAmount: z.string(),
  /** The contract's invoice details, the defaults of a new invoice. */
  invoiceType: z.string().nullable(),
  invoiceTitle: z.string().nullable(),
  invoiceTaxNumber: z.string().nullable(),
})
export type Receivable = z.infer<typeof Receivable>

/** The overview's filters (SPEC §4.1): keyword over customer, owner and contract number. */
export const ReceivableListQuery = PageQuery.extend({
  q: optionalText(100),
  status: ReceivableStatus.optional(),
  customerId: Id.optional(),
  contractId: Id.optional(),
  ownerId: Id.optional(),
  /** "true": only receivables with an overdue instalment. */
  overdue: z.enum(['true', 'false']).optional(),
  prepayStatus: PrepayStatus.optional(),
  retentionStatus: RetentionStatus.optional(),
  signFrom: DateOnly.optional(),
  signTo: DateOnly.optional(),
})
export type ReceivableListQuery = z.infer<typeof ReceivableListQuery>

/** One instalment as the plan editor sends it; `id` keeps an existing one (and what is matched to it). */
export const InstalmentInput = z.strictObject({
  id: Id.optional(),
  kind: InstalmentKind,
  dueDate: DateOnly,
  amount: Money,
  note: optionalText(200),
})
export type InstalmentInput = z.input<typeof InstalmentInput>

/**
 * The whole plan, replacing the current one (with If-Match on the receivable's version). The
 * amounts must sum to the contract total exactly, each at least what is already written off
 * against it; an instalment left out must have nothing written off.
 */
export const PlanUpdate = z.strictObject({
  instalments: z.array(InstalmentInput).min(1).max(PLAN_INSTALMENTS_MAX),
})
export type PlanUpdate = z.input<typeof PlanUpdate>

/** The receivable and its plan, as the drill-down opens them. */
export const ReceivablePlan = z.object({
  receivable: Receivable,
  instalments: z.array(Instalment),
})
export type ReceivablePlan = z.infer<typeof ReceivablePlan>
