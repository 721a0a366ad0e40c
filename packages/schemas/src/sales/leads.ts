import { z } from 'zod'
import { bulkEditOf } from '../workbench/bulk.js'
import { Id, PageQuery, RecordMeta } from '../common.js'
import {
  Access,
  CreatedRange,
  DateOnly,
  Money,
  OwnerFields,
  dictValue,
  email,
  optionalDateTime,
  optionalDict,
  optionalText,
  phone,
} from './common.js'
import { ContactInput, Customer, Contact } from './customers.js'
import { Opportunity } from './opportunities.js'

/** Lead stages (线索推进). `converted` and `invalid` are reached only through convert / mark invalid. */
export const LEAD_STATUSES = [
  'new',
  'contacting',
  'qualified',
  'unqualified',
  'invalid',
  'converted',
] as const
export const LeadStatus = z.enum(LEAD_STATUSES)
export type LeadStatus = z.infer<typeof LeadStatus>
/** Stages a user may advance a lead to by hand. */
export const LEAD_ADVANCE_TARGETS = ['new', 'contacting', 'qualified', 'unqualified'] as const

export const Lead = z.object({
  ...RecordMeta,
  number: z.string(),
  name: z.string(),
  contactName: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  source: z.string().nullable(),
  status: LeadStatus,
  ...OwnerFields,
  address: z.string().nullable(),
  industry: z.string().nullable(),
  remark: z.string().nullable(),
  lastFollowUpAt: z.string().nullable(),
  nextFollowUpAt: z.string().nullable(),
  invalidReason: z.string().nullable(),
  convertedAt: z.string().nullable(),
  convertedCustomerId: z.string().nullable(),
  convertedContactId: z.string().nullable(),
  convertedOpportunityId: z.string().nullable(),
  access: Access,
})
export type Lead = z.infer<typeof Lead>

const LeadFields = {
  name: z.string().trim().min(1).max(100),
  contactName: optionalText(60),
  phone,
  email,
  source: optionalDict,
  address: optionalText(200),
  industry: optionalDict,
  remark: optionalText(2000),
  nextFollowUpAt: optionalDateTime,
}

export const LeadCreate = z.strictObject({ ...LeadFields, ownerId: Id.optional() })
export type LeadCreate = z.input<typeof LeadCreate>
export const LeadUpdate = z.strictObject({ ...LeadFields, name: LeadFields.name.optional() })
export type LeadUpdate = z.infer<typeof LeadUpdate>

/** 批量修改 of leads: source and industry (status moves by its own actions, owner by bulk-assign). */
export const LeadBulkEdit = bulkEditOf(LeadUpdate.pick({ source: true, industry: true }))
export type LeadBulkEdit = z.input<typeof LeadBulkEdit>

export const LeadListQuery = PageQuery.extend({
  q: optionalText(100),
  ownerId: Id.optional(),
  source: dictValue.optional(),
  status: LeadStatus.optional(),
  ...CreatedRange,
})
export type LeadListQuery = z.infer<typeof LeadListQuery>

export const LeadAdvance = z.strictObject({
  status: z.enum(LEAD_ADVANCE_TARGETS),
  note: optionalText(500),
})
export const LeadInvalidate = z.strictObject({ reason: z.string().trim().min(1).max(500) })

/** Convert (线索转化): one transaction creating the customer and, optionally, a contact and an opportunity. */
export const LeadConvert = z.strictObject({
  customer: z.strictObject({
    name: z.string().trim().min(1).max(100).optional(),
    status: dictValue.default('intention'),
    level: optionalDict,
    industry: optionalDict,
  }),
  contact: ContactInput.nullable().optional(),
  opportunity: z
    .strictObject({
      name: z.string().trim().min(1).max(100),
      stage: dictValue.default('initial'),
      expectedAmount: Money.nullable().optional(),
      expectedCloseDate: DateOnly.nullable().optional(),
    })
    .nullable()
    .optional(),
})
export type LeadConvert = z.input<typeof LeadConvert>
export const LeadConversion = z.object({
  lead: Lead,
  customer: Customer,
  contact: Contact.nullable(),
  opportunity: Opportunity.nullable(),
})
export type LeadConversion = z.infer<typeof LeadConversion>

export const BulkAssign = z.strictObject({ ids: z.array(Id).min(1).max(200), ownerId: Id })
/** The same schema as every list's `bulk-delete` (workbench/bulk.ts). */
export { BulkDeleteBody as BulkDelete } from '../workbench/bulk.js'
/** Moves invalid leads older than N days to the recycle bin (无效线索回收). */
export const RecycleInvalidLeads = z.strictObject({
  olderThanDays: z.number().int().min(0).max(3650).default(0),
})
