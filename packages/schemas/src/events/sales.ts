import { z } from 'zod'
import { Id, IsoDateTime } from '../common.js'
import { OpportunityStatus } from '../sales/opportunities.js'
import { RECYCLE_REASONS } from '../sales/pool.js'
import { OLD_OWNER_OPTIONS, TRANSFERABLE } from '../sales/transfers.js'

/** `sales.customer.created`: a customer entered by hand, imported, or converted from a lead. */
export const CustomerCreatedPayload = z.object({
  id: Id,
  number: z.string(),
  name: z.string(),
  ownerId: Id.nullable(),
  ownerName: z.string().nullable(),
  leadId: Id.nullable(),
})
export type CustomerCreatedPayload = z.infer<typeof CustomerCreatedPayload>

/** `sales.customer.claimed` / `.assigned`: a pool customer got an owner (the customer after the change). */
export const CustomerOwnerChangedPayload = z.object({
  customerId: Id,
  number: z.string(),
  name: z.string(),
  ownerId: Id.nullable(),
  ownerName: z.string().nullable(),
  deptId: Id.nullable(),
  previousOwnerId: Id.nullable(),
  previousOwnerName: z.string().nullable(),
})
export type CustomerOwnerChangedPayload = z.infer<typeof CustomerOwnerChangedPayload>

/** `sales.customer.released`: the owner (or a manager) put it back in the pool, with the words typed. */
export const CustomerReleasedPayload = CustomerOwnerChangedPayload.extend({ reason: z.string() })
export type CustomerReleasedPayload = z.infer<typeof CustomerReleasedPayload>

/** `sales.customer.recycled`: the pool rule took the customer back from its owner. */
export const CustomerRecycledPayload = z.object({
  customerId: Id,
  number: z.string(),
  name: z.string(),
  previousOwnerId: Id.nullable(),
  previousOwnerName: z.string().nullable(),
  reason: z.enum(RECYCLE_REASONS),
  /** The clock the rule measured from. */
  since: IsoDateTime,
  days: z.number().int(),
  limitDays: z.number().int(),
})
export type CustomerRecycledPayload = z.infer<typeof CustomerRecycledPayload>

/** `sales.customer.recycle-warned`: the owner is told once per due moment that recycling is near. */
export const CustomerRecycleWarnedPayload = z.object({
  customerId: Id,
  number: z.string(),
  name: z.string(),
  ownerId: Id.nullable(),
  reason: z.enum(RECYCLE_REASONS),
  recycleOn: IsoDateTime,
  daysLeft: z.number().int(),
})
export type CustomerRecycleWarnedPayload = z.infer<typeof CustomerRecycleWarnedPayload>

/** `sales.{customer,lead,opportunity}.transferred`: one owner change (变更所属人) of a selected record. */
export const RecordTransferredPayload = z.object({
  entityType: z.enum(TRANSFERABLE),
  id: Id,
  title: z.string(),
  fromOwnerId: Id.nullable(),
  fromOwnerName: z.string().nullable(),
  toOwnerId: Id,
  toOwnerName: z.string(),
  toDeptId: Id.nullable(),
  oldOwner: z.enum(OLD_OWNER_OPTIONS),
  reason: z.string().nullable(),
  contactIds: z.array(Id),
  opportunityIds: z.array(Id),
  /** The orders service moves the old owner's quotes / contracts of this customer when asked. */
  cascade: z.object({ quotes: z.boolean(), contracts: z.boolean() }),
})
export type RecordTransferredPayload = z.infer<typeof RecordTransferredPayload>

/** `sales.lead.assigned`: bulk assign (批量分配) gave `ids` to one owner. */
export const LeadAssignedPayload = z.object({ ownerId: Id, ids: z.array(Id) })
export type LeadAssignedPayload = z.infer<typeof LeadAssignedPayload>

/** `sales.lead.converted`: the lead became a customer (and maybe a contact and an opportunity). */
export const LeadConvertedPayload = z.object({
  id: Id,
  number: z.string(),
  name: z.string(),
  ownerId: Id,
  ownerName: z.string(),
  customerId: Id,
  customerName: z.string(),
  contactId: Id.nullable(),
  opportunityId: Id.nullable(),
})
export type LeadConvertedPayload = z.infer<typeof LeadConvertedPayload>

const OpportunityEvent = z.object({
  id: Id,
  name: z.string(),
  customerId: Id,
  customerName: z.string(),
  ownerId: Id.nullable(),
  ownerName: z.string().nullable(),
  /** Decimal as a string, like the API's money fields. */
  expectedAmount: z.string().nullable(),
})

/** `sales.opportunity.closed`: won, lost or invalid (a win also marks the customer dealt). */
export const OpportunityClosedPayload = OpportunityEvent.extend({
  outcome: z.enum(['won', 'lost', 'invalid']),
  lostReason: z.string().nullable(),
})
export type OpportunityClosedPayload = z.infer<typeof OpportunityClosedPayload>

/** `sales.opportunity.reopened`: a closed opportunity is open again, with the reason given. */
export const OpportunityReopenedPayload = OpportunityEvent.extend({
  previousOutcome: OpportunityStatus,
  reason: z.string(),
})
export type OpportunityReopenedPayload = z.infer<typeof OpportunityReopenedPayload>

/** `sales.followup.due`: the owner's planned follow-up of a record is due today (sent once per due time). */
export const FollowUpDuePayload = z.object({
  entityType: z.enum(['customer', 'lead', 'opportunity']),
  entityId: Id,
  name: z.string(),
  dueAt: IsoDateTime,
})
export type FollowUpDuePayload = z.infer<typeof FollowUpDuePayload>
