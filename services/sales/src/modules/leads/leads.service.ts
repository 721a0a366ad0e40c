import type { EntityManager } from 'typeorm'
import type { Principal } from '@mosaic/permissions'
import type { sales } from '@mosaic/schemas'
import {
  definedOnly,
  fieldError,
  fieldPath,
  bulkEach,
  nameOrNumber,
  issueNumber,
  listPage,
  liveRows,
  problem,
  publishEvent,
  type DomainDeps,
  type RecordContext,
} from '@mosaic/service-kit'
import { directoryOwner, resolveOwner } from '../directory/owners.js'
import { cascadeFollowUps } from '../followups/followups.cascade.js'
import type { LeadRow } from './leads.entity.js'
import { presentLead } from './leads.present.js'
import { leads } from './leads.store.js'

export const leadDictFields = (
  input: { source?: string | null; industry?: string | null },
  prefix?: string,
) => [
  { field: fieldPath(prefix, 'source'), type: 'lead_source', value: input.source },
  { field: fieldPath(prefix, 'industry'), type: 'industry', value: input.industry },
]

export function listLeads(m: EntityManager, principal: Principal, q: sales.LeadListQuery) {
  return listPage(liveRows(leads, m, 'l'), q, {
    scope: leads.scopeWhere(principal, 'l'),
    filters: { q: (term) => nameOrNumber('l', term) },
    equal: ['ownerId', 'source', 'status'],
    ranges: { created_at: ['createdFrom', 'createdTo'] },
    present: (rows) => rows.map((l) => presentLead(l)),
  })
}

export async function createLead(
  m: EntityManager,
  ctx: RecordContext & { principal: Principal },
  deps: DomainDeps,
  input: sales.LeadCreate,
) {
  await deps.dicts.assert(leadDictFields(input))
  const owner = await resolveOwner(m, ctx.principal, input.ownerId, 'sales.lead.transfer')
  return leads.create(m, ctx, {
    number: await issueNumber(m, 'lead', { timeZone: deps.timeZone }),
    name: input.name,
    contactName: input.contactName ?? null,
    phone: input.phone ?? null,
    email: input.email ?? null,
    source: input.source ?? null,
    status: 'new',
    ...owner,
    address: input.address ?? null,
    industry: input.industry ?? null,
    remark: input.remark ?? null,
    lastFollowUpAt: null,
    nextFollowUpAt: input.nextFollowUpAt ? new Date(input.nextFollowUpAt) : null,
    invalidReason: null,
    convertedAt: null,
    convertedCustomerId: null,
    convertedContactId: null,
    convertedOpportunityId: null,
  })
}

/** Converted and invalid are where a lead ends; nothing moves it on from there. */
export function assertOpen(lead: LeadRow) {
  if (lead.status === 'converted') throw problem(409, 'sales.lead.converted')
  if (lead.status === 'invalid') throw problem(409, 'sales.lead.invalid')
}

export async function updateLead(
  m: EntityManager,
  ctx: RecordContext,
  deps: DomainDeps,
  id: string,
  version: number,
  input: sales.LeadUpdate,
) {
  const before = await leads.get(m, id, ctx, { access: 'write' })
  if (before.status === 'converted') assertOpen(before)
  await deps.dicts.assert(leadDictFields(input))
  const { nextFollowUpAt, ...fields } = input
  const patch: Partial<LeadRow> = definedOnly(fields)
  if (nextFollowUpAt !== undefined) patch.nextFollowUpAt = nextFollowUpAt ? new Date(nextFollowUpAt) : null
  return leads.update(m, ctx, id, version, patch)
}

/**
 * Lead stages (线索推进): between new, contacting, qualified and unqualified, except back to new —
 * a lead someone has worked on is not new again.
 */
export const LEAD_TRANSITIONS: Readonly<Record<sales.LeadStatus, readonly sales.LeadStatus[]>> = {
  new: ['contacting', 'qualified', 'unqualified'],
  contacting: ['qualified', 'unqualified'],
  qualified: ['contacting', 'unqualified'],
  unqualified: ['contacting', 'qualified'],
  invalid: [],
  converted: [],
}

export async function advanceLead(
  m: EntityManager,
  ctx: RecordContext,
  id: string,
  version: number,
  input: { status: sales.LeadStatus; note?: string | null },
) {
  const lead = await leads.get(m, id, ctx, { access: 'write' })
  assertOpen(lead)
  if (!LEAD_TRANSITIONS[lead.status].includes(input.status)) {
    const params = {
      from: lead.status,
      to: input.status,
      allowed: LEAD_TRANSITIONS[lead.status].join(', '),
    }
    throw problem(409, 'sales.lead.bad_transition', params, {
      errors: [fieldError('status', 'sales.lead.bad_transition', params)],
    })
  }
  return leads.update(
    m,
    ctx,
    id,
    version,
    { status: input.status },
    { action: 'advance', note: input.note ?? undefined },
  )
}

export async function invalidateLead(
  m: EntityManager,
  ctx: RecordContext,
  id: string,
  version: number,
  reason: string,
) {
  const lead = await leads.get(m, id, ctx, { access: 'write' })
  assertOpen(lead)
  return leads.update(
    m,
    ctx,
    id,
    version,
    { status: 'invalid', invalidReason: reason },
    { action: 'invalidate', note: reason },
  )
}

/** Follow-ups of a lead go to the recycle bin with it. */
export async function deleteLead(
  m: EntityManager,
  ctx: RecordContext,
  id: string,
  version: number,
  note?: string,
) {
  const row = await leads.get(m, id, ctx, { access: 'owner' })
  await leads.softDelete(m, ctx, id, version, note)
  const [{ deleted_at: at }] = await m.query('SELECT deleted_at FROM lead WHERE id = $1', [id])
  await cascadeFollowUps(m, ctx, { type: 'lead', id, title: row.name }, at, 'delete')
}

export async function restoreLead(m: EntityManager, ctx: RecordContext, id: string) {
  const row = await leads.get(m, id, ctx, { withDeleted: true, access: 'owner' })
  const restored = await leads.restore(m, ctx, id)
  if (row.deletedAt)
    await cascadeFollowUps(m, ctx, { type: 'lead', id, title: row.name }, row.deletedAt, 'restore')
  return restored
}

/** Bulk assign (批量分配): a new owner for each lead; the owner is told in one notification. */
export async function bulkAssign(m: EntityManager, ctx: RecordContext, ids: string[], ownerId: string) {
  const owner = await directoryOwner(m, ownerId)
  const result = await bulkEach(ids, async (id) => {
    const lead = await leads.get(m, id, ctx, { access: 'owner', lock: true })
    assertOpen(lead)
    // No note: the history names the old and new owner from the change itself, in any language.
    await leads.update(m, ctx, id, lead.version, owner, { action: 'assign' })
    return `${lead.name} (${lead.number})`
  })
  if (result.succeeded && owner.ownerId !== ctx.actor.id) {
    await publishEvent(m, {
      topic: 'sales.lead.assigned',
      actorId: ctx.actor.id,
      payload: { ownerId: owner.ownerId, ids: result.results.filter((r) => r.ok).map((r) => r.id) },
      notify: [
        {
          userId: owner.ownerId,
          kind: 'owner_changed',
          title: {
            zh: `${ctx.actor.name ?? ''} 分配给你 ${result.succeeded} 条线索`,
            en: `${ctx.actor.name ?? 'Someone'} assigned ${result.succeeded} lead(s) to you`,
          },
          link: '/sales/leads',
        },
      ],
    })
  }
  return result
}

/** Invalid leads (无效线索) in the caller's scope, invalid for at least N days, go to the recycle bin. */
export async function recycleInvalid(
  m: EntityManager,
  ctx: RecordContext & { principal: Principal },
  olderThanDays: number,
) {
  const qb = leads
    .repo(m)
    .createQueryBuilder('l')
    .where(`l.deleted_at IS NULL AND l.status = 'invalid'`)
    .andWhere(`l.updated_at <= now() - make_interval(days => :days)`, { days: olderThanDays })
  const scope = leads.scopeWhere(ctx.principal, 'l', 'owner')
  if (scope) qb.andWhere(scope.sql, scope.params)
  const rows = await qb.orderBy('l.updated_at').limit(1000).getMany()
  for (const row of rows) await deleteLead(m, ctx, row.id, row.version, 'Recycled invalid lead')
  return { recycled: rows.length }
}
