import { z } from 'zod'
import { bulkEditOf } from '../workbench/bulk.js'
import { Attachment } from '../attachments.js'
import { Id, PageQuery, RecordMeta } from '../common.js'
import { QUANTITY_PATTERN } from '../patterns.js'
import { CreatedRange, DateOnly, Money, OwnerFields, optionalText } from '../sales/common.js'
import { Percent } from './products.js'

/**
 * A quote's life (SPEC 2.2): `draft` → submitted for approval (`pending`, locked) → `approved` or
 * `rejected` (editable again, may be resubmitted); an approved quote is `sent` to the customer, then
 * `accepted`; an approved or sent quote past its valid-until date is `expired`.
 */
export const QUOTE_STATUSES = [
  'draft',
  'pending',
  'approved',
  'rejected',
  'sent',
  'accepted',
  'expired',
] as const
export const QuoteStatus = z.enum(QUOTE_STATUSES)
export type QuoteStatus = z.infer<typeof QuoteStatus>
/** Where a quote may be edited (and submitted from). */
export const QUOTE_EDITABLE: readonly QuoteStatus[] = ['draft', 'rejected']

/** A quantity: more than zero, at most 4 decimals. */
export const Quantity = z
  .string()
  .trim()
  .regex(QUANTITY_PATTERN, 'validation.quantity')
  .refine((v) => /[1-9]/.test(v), { message: 'validation.quantity_positive' })

/** Maximum lines on one quote. */
export const QUOTE_LINES_MAX = 200

/**
 * Files sent with a quote (the customer's inquiry, drawings, a signed copy): PDF or images, as a
 * contract's scans are, and at most this many.
 */
export const QUOTE_ATTACHMENTS_MAX = 10

/** A line as sent: the product; price and tax rate default to the product's. */
export const QuoteLineInput = z.strictObject({
  productId: Id,
  quantity: Quantity,
  unitPrice: Money.optional(),
  discountPercent: Percent.optional(),
  taxRate: Percent.optional(),
})
export type QuoteLineInput = z.input<typeof QuoteLineInput>

/** A stored line: the product as it was when quoted, and its computed figures (2-decimal text). */
export const QuoteLine = z.object({
  productId: Id,
  productCode: z.string(),
  productName: z.string(),
  unit: z.string().nullable(),
  quantity: z.string(),
  unitPrice: z.string(),
  discountPercent: z.string(),
  taxRate: z.string(),
  net: z.string(),
  tax: z.string(),
  total: z.string(),
})
export type QuoteLine = z.infer<typeof QuoteLine>

export const Quote = z.object({
  ...RecordMeta,
  number: z.string(),
  status: QuoteStatus,
  customerId: Id,
  customerName: z.string(),
  contactId: Id.nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  opportunityId: Id.nullable(),
  opportunityName: z.string().nullable(),
  validUntil: z.string().nullable(),
  remark: z.string().nullable(),
  ...OwnerFields,
  lines: z.array(QuoteLine),
  attachments: z.array(Attachment),
  subtotal: z.string(),
  taxTotal: z.string(),
  total: z.string(),
})
export type Quote = z.infer<typeof Quote>

const QuoteFields = {
  customerId: Id,
  contactId: Id.nullable().optional(),
  opportunityId: Id.nullable().optional(),
  validUntil: DateOnly.nullable().optional(),
  remark: optionalText(2000),
  lines: z.array(QuoteLineInput).min(1).max(QUOTE_LINES_MAX),
  attachments: z.array(Attachment).max(QUOTE_ATTACHMENTS_MAX).optional(),
}

export const QuoteCreate = z.strictObject(QuoteFields)
export type QuoteCreate = z.input<typeof QuoteCreate>

/** An edit of a draft; the lines, when sent, replace all of them. */
export const QuoteUpdate = z.strictObject({
  ...QuoteFields,
  customerId: Id.optional(),
  lines: QuoteFields.lines.optional(),
})
export type QuoteUpdate = z.input<typeof QuoteUpdate>

/** 批量修改 of quotes: the validity date, through the quote's edit rule (drafts). */
export const QuoteBulkEdit = bulkEditOf(QuoteUpdate.pick({ validUntil: true }))
export type QuoteBulkEdit = z.input<typeof QuoteBulkEdit>

export const QuoteListQuery = PageQuery.extend({
  /** Number from its start, or any part of the customer's name. */
  q: optionalText(100),
  status: QuoteStatus.optional(),
  customerId: Id.optional(),
  ownerId: Id.optional(),
  ...CreatedRange,
})
export type QuoteListQuery = z.infer<typeof QuoteListQuery>
