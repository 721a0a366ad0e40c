import { z } from 'zod'
import { bulkEditOf } from '../workbench/bulk.js'
import { ClosingTerms } from '../admin/rules.js'
import { Id, IsoDateTime, PageQuery, RecordMeta } from '../common.js'
import { QUANTITY_PATTERN } from '../patterns.js'
import {
  Access,
  CreatedRange,
  DateOnly,
  Money,
  OwnerFields,
  dictValue,
  optionalDict,
  optionalText,
} from './common.js'

/**
 * `closing`: a close the closure rule sends to approval waits there (审批中), the opportunity locked;
 * approved, the requested close is applied; rejected or withdrawn, it is `open` again.
 */
export const OPPORTUNITY_STATUSES = ['open', 'closing', 'won', 'lost', 'invalid'] as const
export const OpportunityStatus = z.enum(OPPORTUNITY_STATUSES)
export type OpportunityStatus = z.infer<typeof OpportunityStatus>
export const OPPORTUNITY_TYPES = ['new_business', 'upsell', 'renewal'] as const

/**
 * A product line as written: a product of the orders service (checked there: live and on sale), a
 * quantity, and a unit price that defaults to the product's reference price.
 */
export const OpportunityLineInput = z.strictObject({
  productId: Id,
  quantity: z.string().trim().regex(QUANTITY_PATTERN, 'validation.quantity'),
  unitPrice: Money.optional(),
})
export type OpportunityLineInput = z.input<typeof OpportunityLineInput>

/**
 * A line as stored and read: the product's code, name and unit as they were when the line was
 * written. Lines written before products were picked (free text) have no product id or code.
 */
export const OpportunityLine = z.object({
  productId: Id.nullable(),
  productCode: z.string().nullable(),
  productName: z.string(),
  unit: z.string().nullable(),
  quantity: z.string(),
  unitPrice: z.string(),
})
export type OpportunityLine = z.infer<typeof OpportunityLine>

export const Opportunity = z.object({
  ...RecordMeta,
  name: z.string(),
  customerId: Id,
  customerName: z.string(),
  contactId: z.string().nullable(),
  contactName: z.string().nullable(),
  stage: z.string(),
  probability: z.number().int(),
  source: z.string().nullable(),
  type: z.string().nullable(),
  ...OwnerFields,
  expectedAmount: z.string().nullable(),
  expectedCloseDate: z.string().nullable(),
  /** Lines with the server-computed amount (quantity × unit price, half-up to 2 decimals). */
  products: z.array(OpportunityLine.extend({ amount: z.string() })),
  productsTotal: z.string(),
  remark: z.string().nullable(),
  status: OpportunityStatus,
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  closeNote: z.string().nullable(),
  closeDate: z.string().nullable(),
  lostReason: z.string().nullable(),
  /** A closed opportunity the closure rule locks; editing needs a role the rule allows. */
  locked: z.boolean(),
  /** While `closing`: the close waiting for approval, as requested. */
  pendingClosure: z
    .object({
      outcome: z.enum(['won', 'lost', 'invalid']),
      lostReason: z.string().nullable(),
      closeNote: z.string().nullable(),
      closeDate: z.string(),
      requestedByName: z.string().nullable(),
    })
    .nullable(),
  lastFollowUpAt: z.string().nullable(),
  nextFollowUpAt: z.string().nullable(),
  leadId: z.string().nullable(),
  access: Access,
})
export type Opportunity = z.infer<typeof Opportunity>

const Fields = {
  name: z.string().trim().min(1).max(100),
  customerId: Id,
  contactId: Id.nullable().optional(),
  stage: dictValue.default('initial'),
  /** Defaults to the stage's probability from the dictionary. */
  probability: z.number().int().min(0).max(100).optional(),
  source: optionalDict,
  type: z.enum(OPPORTUNITY_TYPES).nullable().optional(),
  expectedAmount: Money.nullable().optional(),
  expectedCloseDate: DateOnly.nullable().optional(),
  products: z.array(OpportunityLineInput).max(50).default([]),
  remark: optionalText(2000),
}

export const OpportunityCreate = z.strictObject({ ...Fields, ownerId: Id.optional() })
export type OpportunityCreate = z.input<typeof OpportunityCreate>

export const OpportunityUpdate = z.strictObject({
  name: Fields.name.optional(),
  contactId: Fields.contactId,
  stage: dictValue.optional(),
  probability: Fields.probability,
  source: Fields.source,
  type: Fields.type,
  expectedAmount: Fields.expectedAmount,
  expectedCloseDate: Fields.expectedCloseDate,
  products: z.array(OpportunityLineInput).max(50).optional(),
  remark: Fields.remark,
})
export type OpportunityUpdate = z.infer<typeof OpportunityUpdate>

/** 批量修改 of opportunities: source and type (the stage has its own rules). */
export const OpportunityBulkEdit = bulkEditOf(
  OpportunityUpdate.pick({ source: true, type: true, expectedCloseDate: true }),
)
export type OpportunityBulkEdit = z.input<typeof OpportunityBulkEdit>

export const OpportunityListQuery = PageQuery.extend({
  q: optionalText(100),
  customerId: Id.optional(),
  stage: dictValue.optional(),
  status: OpportunityStatus.optional(),
  ownerId: Id.optional(),
  ...CreatedRange,
  expectedFrom: DateOnly.optional(),
  expectedTo: DateOnly.optional(),
})
export type OpportunityListQuery = z.infer<typeof OpportunityListQuery>

/** Closing (结单): won / lost (reason from the lost_reason dictionary) / invalid, checked by the closure rule. */
export const OpportunityClose = z.strictObject({
  outcome: z.enum(['won', 'lost', 'invalid']),
  lostReason: optionalDict,
  closeNote: optionalText(1000),
  closeDate: DateOnly.nullable().optional(),
})
export type OpportunityClose = z.input<typeof OpportunityClose>
/**
 * What closing asks for now (the opportunity closure rule as sales applies it): the required fields,
 * and whether a win or a loss goes to approval first (marking invalid never does).
 */
export const OpportunityClosing = ClosingTerms
export type OpportunityClosing = ClosingTerms
export const OpportunityReopen = z.strictObject({ reason: z.string().trim().min(1).max(500) })

export const PipelineQuery = z.object({
  ownerId: Id.optional(),
  from: IsoDateTime.optional(),
  to: IsoDateTime.optional(),
})
/** Kanban column / funnel step: open opportunities per stage (closed ones under their outcome). */
export const PipelineStage = z.object({
  stage: z.string(),
  count: z.number().int(),
  amount: z.string(),
  /** Σ amount × probability. */
  weightedAmount: z.string(),
  items: z.array(
    z.object({
      id: Id,
      name: z.string(),
      customerName: z.string(),
      ownerName: z.string().nullable(),
      expectedAmount: z.string().nullable(),
      probability: z.number().int(),
      expectedCloseDate: z.string().nullable(),
      version: z.number().int(),
    }),
  ),
})
export const Pipeline = z.object({ stages: z.array(PipelineStage), total: z.number().int() })
export type Pipeline = z.infer<typeof Pipeline>
