import type { EntityManager } from 'typeorm'
import type { Principal } from '@mosaic/permissions'
import type { sales } from '@mosaic/schemas'
import {
  textContains,
  definedOnly,
  fieldError,
  listPage,
  liveRows,
  problem,
  validationFailed,
  type DomainDeps,
  type ListSpec,
  type RecordAccess,
  type RecordContext,
} from '@mosaic/service-kit'
import { salesAttachments } from './attachment-policy.js'
import { contacts, customers } from '../customers/customers.store.js'
import { leads } from '../leads/leads.store.js'
import { opportunities } from '../opportunities/opportunities.store.js'
import type { FollowUpRow } from './followups.entity.js'
import { presentFollowUp } from './followups.present.js'
import { followups } from './followups.store.js'
import { recordFollowUpTime, refreshFollowUpTimes } from './followup-times.js'

/** What a follow-up copies from the record it is attached to. */
interface Target {
  type: sales.FollowUpTarget
  id: string
  name: string
  customerId: string | null
  customerName: string
  ownerId: string | null
  ownerName: string | null
  deptId: string | null
  converted: boolean
}

async function loadTarget(
  m: EntityManager,
  ctx: RecordContext | undefined,
  type: sales.FollowUpTarget,
  id: string,
  access: RecordAccess,
): Promise<Target | null> {
  const opts = { access }
  if (type === 'lead') {
    const l = await leads.find(m, id, ctx, opts)
    return (
      l && {
        type,
        id,
        name: l.name,
        customerId: null,
        customerName: l.name,
        ...owner(l),
        converted: l.status === 'converted',
      }
    )
  }
  if (type === 'customer') {
    const c = await customers.find(m, id, ctx, opts)
    return (
      c && { type, id, name: c.name, customerId: c.id, customerName: c.name, ...owner(c), converted: false }
    )
  }
  const o = await opportunities.find(m, id, ctx, opts)
  return (
    o && {
      type,
      id,
      name: o.name,
      customerId: o.customerId,
      customerName: o.customerName,
      ...owner(o),
      converted: false,
    }
  )
}

const owner = (r: { ownerId: string | null; ownerName: string | null; deptId: string | null }) => ({
  ownerId: r.ownerId,
  ownerName: r.ownerName,
  deptId: r.deptId,
})

/** The related contact must be one of the target customer's; a lead has none. */
async function contactFor(m: EntityManager, target: Target, contactId: string | null | undefined) {
  if (!contactId) return { contactId: null, contactName: null }
  const c = await contacts.find(m, contactId)
  if (!c || !target.customerId || c.customerId !== target.customerId) {
    throw validationFailed([fieldError('contactId', 'sales.contact.not_of_customer')])
  }
  return { contactId: c.id, contactName: c.name }
}

async function touchTimes(m: EntityManager, row: FollowUpRow, mode: 'record' | 'refresh') {
  const pairs: Array<[sales.FollowUpTarget, string]> = [[row.targetType, row.targetId]]
  if (row.targetType === 'opportunity' && row.customerId) pairs.push(['customer', row.customerId])
  for (const [type, id] of pairs) {
    if (mode === 'record') await recordFollowUpTime(m, type, id, row.contactedAt, row.nextFollowUpAt)
    else await refreshFollowUpTimes(m, type, id)
  }
}

export async function createFollowUp(
  m: EntityManager,
  ctx: RecordContext,
  deps: DomainDeps,
  input: sales.FollowUpCreate,
) {
  await deps.dicts.assert([{ field: 'method', type: 'followup_method', value: input.method }])
  // Following up is working on the record: it takes write access to it.
  const target = await loadTarget(m, ctx, input.targetType, input.targetId, 'write')
  if (!target)
    throw validationFailed([
      fieldError('targetId', 'sales.followup.unknown_target', { type: input.targetType }),
    ])
  if (target.converted) throw problem(409, 'sales.followup.lead_converted')
  const row = await followups.create(m, ctx, {
    targetType: target.type,
    targetId: target.id,
    targetName: target.name,
    customerId: target.customerId,
    customerName: target.customerName,
    subject: input.subject,
    method: input.method,
    content: input.content,
    contactedAt: new Date(input.contactedAt),
    nextFollowUpAt: input.nextFollowUpAt ? new Date(input.nextFollowUpAt) : null,
    nextPlan: input.nextPlan ?? null,
    ...(await contactFor(m, target, input.contactId)),
    attachments: await salesAttachments.accept(m, ctx, input.attachments),
    ownerId: target.ownerId,
    ownerName: target.ownerName,
    deptId: target.deptId,
    createdByName: ctx.actor.name,
  })
  await touchTimes(m, row, 'record')
  return row
}

export async function updateFollowUp(
  m: EntityManager,
  ctx: RecordContext,
  deps: DomainDeps,
  id: string,
  version: number,
  input: sales.FollowUpUpdate,
) {
  await deps.dicts.assert([{ field: 'method', type: 'followup_method', value: input.method }])
  const before = await followups.get(m, id, ctx, { access: 'write' })
  const { contactedAt, nextFollowUpAt, contactId, attachments, ...fields } = input
  const patch: Partial<FollowUpRow> = definedOnly(fields)
  if (attachments) patch.attachments = await salesAttachments.accept(m, ctx, attachments)
  if (contactedAt) patch.contactedAt = new Date(contactedAt)
  if (nextFollowUpAt !== undefined) patch.nextFollowUpAt = nextFollowUpAt ? new Date(nextFollowUpAt) : null
  if (contactId !== undefined) {
    const target = await loadTarget(m, undefined, before.targetType, before.targetId, 'read')
    if (target) Object.assign(patch, await contactFor(m, target, contactId))
  }
  const row = await followups.update(m, ctx, id, version, patch)
  await touchTimes(m, row, 'refresh')
  return row
}

export async function deleteFollowUp(m: EntityManager, ctx: RecordContext, id: string, version: number) {
  const row = await followups.get(m, id, ctx, { access: 'owner' })
  await followups.softDelete(m, ctx, id, version)
  await touchTimes(m, row, 'refresh')
}

export async function restoreFollowUp(m: EntityManager, ctx: RecordContext, id: string) {
  const row = await followups.get(m, id, ctx, { withDeleted: true, access: 'owner' })
  if (!(await loadTarget(m, undefined, row.targetType, row.targetId, 'read'))) {
    throw problem(409, 'sales.followup.target_deleted', { type: row.targetType })
  }
  const restored = await followups.restore(m, ctx, id)
  await touchTimes(m, restored, 'refresh')
  return restored
}

/** The follow-ups list under the caller's scope: paged by the list, counted by the dashboard. */
export function followUpList(m: EntityManager, principal: Principal) {
  const spec: ListSpec<FollowUpRow, sales.FollowUpListQuery, sales.FollowUp> = {
    scope: followups.scopeWhere(principal, 'f'),
    filters: { customer: (name) => textContains('f.customer_name', name, 'customer') },
    equal: ['targetType', 'targetId', 'ownerId', 'method'],
    ranges: { contacted_at: ['from', 'to'], next_followup_at: ['dueFrom', 'dueTo'] },
    sort: { sortColumn: 'contacted_at', sortProperty: 'contactedAt' },
    present: (rows) => rows.map(presentFollowUp),
  }
  return { from: liveRows(followups, m, 'f'), spec }
}

export function listFollowUps(m: EntityManager, principal: Principal, q: sales.FollowUpListQuery) {
  const { from, spec } = followUpList(m, principal)
  return listPage(from, q, spec)
}
