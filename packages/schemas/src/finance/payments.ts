import { z } from 'zod'
import { Id, PageQuery, RecordMeta } from '../common.js'
import { BulkIds, DateOnly, OwnerFields, PositiveMoney, dictValue, optionalText } from '../sales/common.js'

/**
 * A payment (回款) is recorded `pending` and submitted to the approval engine (`payment` flow);
 * `confirmed` counts as received and may be written off; `rejected` never counts. With no flow, a
 * disabled one or a step whose amount condition does not apply, the engine approves at once.
 */
export const PAYMENT_STATUSES = ['pending', 'confirmed', 'rejected'] as const
export const PaymentStatus = z.enum(PAYMENT_STATUSES)
export type PaymentStatus = z.infer<typeof PaymentStatus>

/** The header a payment must carry: a retried request with it returns the first answer. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key'
/** 8–128 visible ASCII characters (a UUID fits). */
export const IdempotencyKey = z.string().regex(/^[\x21-\x7e]{8,128}$/)

export const Payment = z.object({
  ...RecordMeta,
  /** Human number (HK…). */
  number: z.string(),
  receivableId: Id,
  contractId: Id,
  contractNumber: z.string(),
  customerId: Id,
  customerName: z.string(),
  ...OwnerFields,
  amount: z.string(),
  paidOn: z.string(),
  /** Dictionary `payment_method`. */
  method: z.string(),
  payer: z.string(),
  reference: z.string().nullable(),
  note: z.string().nullable(),
  status: PaymentStatus,
  /** Written off against instalments, and what is left to write off. */
  matched: z.string(),
  unmatched: z.string(),
  /** Marked as settled for commission (bulk edit). */
  commissionSettled: z.boolean(),
  /** The approver's comment when rejected. */
  decisionComment: z.string().nullable(),
})
export type Payment = z.infer<typeof Payment>

export const PaymentCreate = z.strictObject({
  receivableId: Id,
  amount: PositiveMoney,
  paidOn: DateOnly,
  method: dictValue,
  payer: z.string().trim().min(1).max(200),
  reference: optionalText(100),
  note: optionalText(500),
})
export type PaymentCreate = z.input<typeof PaymentCreate>

/** What may change after recording (the amount never does: delete and record again). */
export const PaymentUpdate = z.strictObject({
  paidOn: DateOnly.optional(),
  method: dictValue.optional(),
  payer: z.string().trim().min(1).max(200).optional(),
  reference: optionalText(100),
  note: optionalText(500),
  commissionSettled: z.boolean().optional(),
})
export type PaymentUpdate = z.input<typeof PaymentUpdate>

export const PaymentListQuery = PageQuery.extend({
  /** Payment or contract number from its start, or any part of the customer's name or the payer. */
  q: optionalText(100),
  status: PaymentStatus.optional(),
  receivableId: Id.optional(),
  contractId: Id.optional(),
  customerId: Id.optional(),
  /** The receivable's owner as recorded with the payment. */
  ownerId: Id.optional(),
  method: dictValue.optional(),
  commissionSettled: z.enum(['true', 'false']).optional(),
  paidFrom: DateOnly.optional(),
  paidTo: DateOnly.optional(),
})
export type PaymentListQuery = z.infer<typeof PaymentListQuery>

/**
 * Bulk edit of payment records as one audited operation (e.g. mark a batch settled for
 * commission); at least one field. Answers `BulkResult`, one entry per id.
 */
export const PaymentBulkUpdate = z
  .strictObject({
    ids: BulkIds,
    commissionSettled: z.boolean().optional(),
    method: dictValue.optional(),
  })
  .refine((b) => b.commissionSettled !== undefined || b.method !== undefined, {
    path: ['commissionSettled'],
    message: 'validation.bulk_field_required',
  })
export type PaymentBulkUpdate = z.input<typeof PaymentBulkUpdate>

/** One write-off (核销): part of a confirmed payment matched to one instalment of its receivable. */
export const Writeoff = z.object({
  id: Id,
  paymentId: Id,
  paymentNumber: z.string(),
  receivableId: Id,
  instalmentId: Id,
  instalmentSeq: z.number().int(),
  amount: z.string(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  /** Set when the write-off was reversed (撤销核销); a reversed one no longer counts. */
  reversedAt: z.string().nullable(),
  reversedByName: z.string().nullable(),
})
export type Writeoff = z.infer<typeof Writeoff>

/**
 * Writes off a payment against instalments of its own receivable: each amount positive, at most
 * the instalment's remaining, all together at most the payment's unmatched amount.
 */
export const WriteoffCreate = z.strictObject({
  allocations: z
    .array(z.strictObject({ instalmentId: Id, amount: PositiveMoney }))
    .min(1)
    .max(60),
})
export type WriteoffCreate = z.input<typeof WriteoffCreate>

export const WriteoffListQuery = z.object({
  paymentId: Id.optional(),
  receivableId: Id.optional(),
})
export type WriteoffListQuery = z.infer<typeof WriteoffListQuery>
