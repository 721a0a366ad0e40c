import { z } from 'zod'
import { bulkEditOf } from '../workbench/bulk.js'
import { Id, IsoDateTime, PageQuery, RecordMeta } from '../common.js'
import { Attachment, dictValue, optionalDateTime, optionalText } from './common.js'

export const FOLLOWUP_TARGETS = ['lead', 'customer', 'opportunity'] as const
export const FollowUpTarget = z.enum(FOLLOWUP_TARGETS)
export type FollowUpTarget = z.infer<typeof FollowUpTarget>

export const FollowUp = z.object({
  ...RecordMeta,
  targetType: FollowUpTarget,
  targetId: Id,
  targetName: z.string(),
  /** The customer the record belongs to (the lead's own name for leads), for "by customer" queries. */
  customerId: z.string().nullable(),
  customerName: z.string(),
  subject: z.string(),
  method: z.string(),
  content: z.string(),
  contactedAt: z.string(),
  nextFollowUpAt: z.string().nullable(),
  nextPlan: z.string().nullable(),
  contactId: z.string().nullable(),
  contactName: z.string().nullable(),
  attachments: z.array(Attachment),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  deptId: z.string().nullable(),
  /** The writer (not the record owner); null name for follow-ups written before it was kept. */
  createdBy: z.string().nullable(),
  createdByName: z.string().nullable(),
})
export type FollowUp = z.infer<typeof FollowUp>

export const FollowUpCreate = z.strictObject({
  targetType: FollowUpTarget,
  targetId: Id,
  subject: z.string().trim().min(1).max(120),
  method: dictValue,
  content: z.string().trim().min(1).max(5000),
  contactedAt: IsoDateTime,
  nextFollowUpAt: optionalDateTime,
  nextPlan: optionalText(1000),
  contactId: Id.nullable().optional(),
  attachments: z.array(Attachment).max(10).default([]),
})
export type FollowUpCreate = z.input<typeof FollowUpCreate>

export const FollowUpUpdate = z.strictObject({
  subject: z.string().trim().min(1).max(120).optional(),
  method: dictValue.optional(),
  content: z.string().trim().min(1).max(5000).optional(),
  contactedAt: IsoDateTime.optional(),
  nextFollowUpAt: optionalDateTime,
  nextPlan: optionalText(1000),
  contactId: Id.nullable().optional(),
  attachments: z.array(Attachment).max(10).optional(),
})
export type FollowUpUpdate = z.infer<typeof FollowUpUpdate>

/** 批量修改 of follow-ups: the contact method. */
export const FollowUpBulkEdit = bulkEditOf(FollowUpUpdate.pick({ method: true }))
export type FollowUpBulkEdit = z.input<typeof FollowUpBulkEdit>

export const FollowUpListQuery = PageQuery.extend({
  targetType: FollowUpTarget.optional(),
  targetId: Id.optional(),
  /** Fuzzy on the customer (or lead) name. */
  customer: optionalText(100),
  ownerId: Id.optional(),
  method: dictValue.optional(),
  from: IsoDateTime.optional(),
  to: IsoDateTime.optional(),
  /** The next follow-up due within [dueFrom, dueTo] (the dashboard's "due today" opens this list). */
  dueFrom: IsoDateTime.optional(),
  dueTo: IsoDateTime.optional(),
})
export type FollowUpListQuery = z.infer<typeof FollowUpListQuery>
