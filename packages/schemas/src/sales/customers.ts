import { DATA_SCOPES } from '@mosaic/permissions'
import { z } from 'zod'
import { bulkEditOf } from '../workbench/bulk.js'
import { Id, IdListText, IsoDateTime, PageQuery, RecordMeta } from '../common.js'
import { WEBSITE_PATTERN } from '../patterns.js'
import {
  Access,
  CreatedRange,
  OwnerFields,
  dictValue,
  email,
  optionalDateTime,
  optionalDict,
  optionalText,
  phone,
} from './common.js'

export const DEAL_STATUSES = ['undealt', 'dealt'] as const
export const DealStatus = z.enum(DEAL_STATUSES)

export const Customer = z.object({
  ...RecordMeta,
  number: z.string(),
  name: z.string(),
  status: z.string(),
  level: z.string().nullable(),
  industry: z.string().nullable(),
  source: z.string().nullable(),
  ...OwnerFields,
  phone: z.string().nullable(),
  address: z.string().nullable(),
  website: z.string().nullable(),
  remark: z.string().nullable(),
  dealStatus: DealStatus,
  locked: z.boolean(),
  lastFollowUpAt: z.string().nullable(),
  nextFollowUpAt: z.string().nullable(),
  lastDealAt: z.string().nullable(),
  /** When the customer last entered the public pool (null while owned). */
  poolEnteredAt: z.string().nullable(),
  previousOwnerId: z.string().nullable(),
  previousOwnerName: z.string().nullable(),
  primaryContactName: z.string().nullable(),
  primaryContactPhone: z.string().nullable(),
  leadId: z.string().nullable(),
  /** The lead it was converted from (`leadId`), by number. */
  leadNumber: z.string().nullable(),
  access: Access,
})
export type Customer = z.infer<typeof Customer>

const website = z.string().trim().max(200).regex(WEBSITE_PATTERN, 'validation.website').nullable().optional()

const CustomerFields = {
  name: z.string().trim().min(1).max(100),
  status: dictValue.default('potential'),
  level: optionalDict,
  industry: optionalDict,
  source: optionalDict,
  phone,
  address: optionalText(200),
  website,
  remark: optionalText(2000),
  nextFollowUpAt: optionalDateTime,
}

export const ContactInput = z.strictObject({
  name: z.string().trim().min(1).max(60),
  title: optionalText(60),
  phone,
  email,
  remark: optionalText(500),
})
export type ContactInput = z.infer<typeof ContactInput>

export const CustomerCreate = z.strictObject({
  ...CustomerFields,
  /** Defaults to the caller; naming someone else needs sales.customer.transfer. */
  ownerId: Id.optional(),
  /** Optional primary contact created with the customer. */
  contact: ContactInput.nullable().optional(),
})
export type CustomerCreate = z.input<typeof CustomerCreate>

export const CustomerUpdate = z.strictObject({
  name: CustomerFields.name.optional(),
  status: dictValue.optional(),
  level: optionalDict,
  industry: optionalDict,
  source: optionalDict,
  phone,
  address: optionalText(200),
  website,
  remark: optionalText(2000),
  dealStatus: DealStatus.optional(),
  nextFollowUpAt: optionalDateTime,
})
export type CustomerUpdate = z.infer<typeof CustomerUpdate>

/** 批量修改 of customers: their classification (owner changes go through transfers). */
export const CustomerBulkEdit = bulkEditOf(
  CustomerUpdate.pick({ status: true, level: true, industry: true, source: true }),
)
export type CustomerBulkEdit = z.input<typeof CustomerBulkEdit>

export const CustomerListQuery = PageQuery.extend({
  /** Number or name, fuzzy (index-backed). */
  q: optionalText(100),
  ownerId: Id.optional(),
  status: dictValue.optional(),
  level: dictValue.optional(),
  industry: dictValue.optional(),
  source: dictValue.optional(),
  dealStatus: DealStatus.optional(),
  locked: z.enum(['true', 'false']).optional(),
  /** 'mine': owned by me; 'team': shared with me; default: everything in my scope. */
  view: z.enum(['mine', 'team']).optional(),
  ...CreatedRange,
  /** Next follow-up planned within (inclusive): the dashboard's "follow-ups due today". */
  nextFollowUpFrom: IsoDateTime.optional(),
  nextFollowUpTo: IsoDateTime.optional(),
})
export type CustomerListQuery = z.infer<typeof CustomerListQuery>

export const DuplicateQuery = z.object({ name: z.string().trim().min(1).max(100), excludeId: Id.optional() })
export const DuplicateCheck = z.object({
  /**
   * Same name (case- and space-insensitive) — creating it would be refused. Outside the caller's
   * scope only `{ visible: false }`: the name is taken, by whom is not said.
   */
  exact: z
    .union([
      z.object({
        visible: z.literal(true),
        id: Id,
        number: z.string(),
        name: z.string(),
        ownerName: z.string().nullable(),
        inPool: z.boolean(),
      }),
      z.object({ visible: z.literal(false) }),
    ])
    .nullable(),
  /** Names containing the input that the caller may see, for a "did you mean" hint. */
  similar: z.array(
    z.object({ id: Id, number: z.string(), name: z.string(), ownerName: z.string().nullable() }),
  ),
})
export type DuplicateCheck = z.infer<typeof DuplicateCheck>

export const ReleaseToPool = z.strictObject({ reason: z.string().trim().min(1).max(500) })

export const Contact = z.object({
  ...RecordMeta,
  customerId: Id,
  customerName: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  primary: z.boolean(),
  remark: z.string().nullable(),
  ownerId: z.string().nullable(),
  /** The customer's owner: a contact moves with its customer, so they share the owner. */
  ownerName: z.string().nullable(),
  deptId: z.string().nullable(),
})
export type Contact = z.infer<typeof Contact>

export const ContactCreate = ContactInput.extend({ customerId: Id, primary: z.boolean().default(false) })
export type ContactCreate = z.input<typeof ContactCreate>
export const ContactUpdate = z.strictObject({
  name: z.string().trim().min(1).max(60).optional(),
  title: optionalText(60),
  phone,
  email,
  remark: optionalText(500),
  primary: z.boolean().optional(),
})
export type ContactUpdate = z.infer<typeof ContactUpdate>
export const ContactListQuery = PageQuery.extend({ customerId: Id.optional(), q: optionalText(60) })

export const UpcomingRecycle = z.object({
  customerId: Id,
  number: z.string(),
  name: z.string(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  reason: z.enum(['no_followup', 'no_deal']),
  /** Days without a follow-up (or deal) so far, and the rule's limit. */
  days: z.number().int(),
  limitDays: z.number().int(),
  recycleOn: IsoDateTime,
  daysLeft: z.number().int(),
})
export type UpcomingRecycle = z.infer<typeof UpcomingRecycle>

/**
 * What another service reads of a customer (`GET /api/sales/internal/customers/:id/card`): its
 * name, and the named contact and opportunity when they are live and belong to it (else null).
 */
export const CustomerCardQuery = z.object({
  contactId: Id.optional(),
  opportunityId: Id.optional(),
  /**
   * The user the calling service acts for, with their data scope and its departments (comma-separated):
   * a customer outside it (owner, departments, team shares) is a 404, as on the public routes.
   */
  userId: Id.optional(),
  dataScope: z.enum(DATA_SCOPES).optional(),
  deptIds: IdListText(108).optional(),
})
/** Most names/numbers one customer lookup takes (an import asks once per chunk of its file). */
export const CUSTOMER_LOOKUP_MAX = 5000

/**
 * Customers another service reads by their readable form (`POST /api/sales/internal/customers/lookup`,
 * an import's customer column): names (compared like the duplicate check: case and spaces ignored)
 * or numbers, among the live customers in the acting user's data scope.
 */
export const CustomerLookup = z.strictObject({
  texts: z.array(z.string().trim().min(1).max(200)).min(1).max(CUSTOMER_LOOKUP_MAX),
  userId: Id,
  dataScope: z.enum(DATA_SCOPES),
  deptIds: z.array(Id).max(108).optional(),
})
export type CustomerLookup = z.infer<typeof CustomerLookup>

export const CustomerLookupResult = z.object({
  items: z.array(z.object({ id: Id, number: z.string(), name: z.string() })),
})
export type CustomerLookupResult = z.infer<typeof CustomerLookupResult>

/** Most (customer, name) pairs one contact lookup takes (an import asks once per chunk of its file). */
export const CONTACT_LOOKUP_MAX = 5000
/** The longest contact name sales keeps (a longer one names no contact). */
export const CONTACT_NAME_MAX = 60

/**
 * Contacts another service reads by name (`POST /api/sales/internal/contacts/lookup`, an import's
 * contact column): each pair names a contact among that customer's live contacts (trimmed, case
 * ignored), and the customer must be in the acting user's data scope, as for the customer lookup.
 */
export const ContactLookup = z.strictObject({
  pairs: z
    .array(z.strictObject({ customerId: Id, name: z.string().trim().min(1).max(CONTACT_NAME_MAX) }))
    .min(1)
    .max(CONTACT_LOOKUP_MAX),
  userId: Id,
  dataScope: z.enum(DATA_SCOPES),
  deptIds: z.array(Id).max(108).optional(),
})
export type ContactLookup = z.infer<typeof ContactLookup>

/** One contact per pair found: `name` is the pair's name as asked (trimmed), so the caller can match it. */
export const ContactLookupResult = z.object({
  items: z.array(z.object({ id: Id, customerId: Id, name: z.string() })),
})
export type ContactLookupResult = z.infer<typeof ContactLookupResult>

export const CustomerCard = z.object({
  id: Id,
  number: z.string(),
  name: z.string(),
  ownerId: z.string().nullable(),
  deptId: z.string().nullable(),
  contact: z.object({ id: Id, name: z.string(), phone: z.string().nullable() }).nullable(),
  opportunity: z.object({ id: Id, name: z.string() }).nullable(),
})
export type CustomerCard = z.infer<typeof CustomerCard>

/**
 * A customer's contracts as finance reports their collection (`finance.receivable.progressed`,
 * the latest per contract; cancelled receivables left out): decimal text, collected % with 2 decimals.
 */
export const CustomerReceivablesSummary = z.object({
  contractCount: z.number().int(),
  /** Contract totals (tax included). */
  total: z.string(),
  received: z.string(),
  /** Per contract total − received, never below zero, summed. */
  outstanding: z.string(),
  /** received ÷ total ("0.00" with no contract). */
  collectedPercent: z.string(),
  invoiced: z.string(),
  /** When finance last reported on one of them; null when it never has. */
  progressedAt: IsoDateTime.nullable(),
})
export type CustomerReceivablesSummary = z.infer<typeof CustomerReceivablesSummary>
