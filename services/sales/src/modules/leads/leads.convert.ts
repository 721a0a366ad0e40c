import type { EntityManager } from 'typeorm'
import type { sales } from '@mosaic/schemas'
import {
  preconditionFailed,
  publishEvent,
  updateReturning,
  writeAudit,
  type DomainDeps,
  type Owner,
  type RecordContext,
} from '@mosaic/service-kit'
import type { CustomerRow } from '../customers/customers.entity.js'
import { customers } from '../customers/customers.store.js'
import type { LeadRow } from './leads.entity.js'
import { insertCustomer } from '../customers/customers.create.js'
import { insertOpportunity } from '../opportunities/opportunities.service.js'
import { presentLead } from './leads.present.js'
import { assertOpen } from './leads.service.js'
import { leads } from './leads.store.js'

/**
 * Convert (线索转化) in the caller's one transaction: the customer (refused if its name is taken),
 * its primary contact and an opportunity when asked, then the lead — converted, linked to all of
 * them. Any refusal on the way (a field error in the opportunity, say) rolls everything back.
 * The new records belong to the lead's owner.
 */
export async function convertLead(
  m: EntityManager,
  ctx: RecordContext,
  deps: DomainDeps,
  id: string,
  version: number,
  input: sales.LeadConvert,
) {
  const lead = await leads.get(m, id, ctx, { access: 'write', lock: true })
  if (lead.version !== version) throw preconditionFailed(presentLead(lead))
  assertOpen(lead)
  const owner: Owner | null = lead.ownerId
    ? { ownerId: lead.ownerId, ownerName: lead.ownerName ?? '', deptId: lead.deptId }
    : null
  const actorOwner: Owner = {
    ownerId: ctx.actor.id!,
    ownerName: ctx.actor.name ?? '',
    deptId: ctx.principal?.deptId ?? null,
  }
  const recordOwner = owner ?? actorOwner
  // Values copied from the lead that an admin has since disabled are left out, not refused.
  const usable = async (type: string, value: string | null) =>
    value && (await deps.dicts.entry(type, value))?.enabled ? value : null
  const source = await usable('lead_source', lead.source)
  const { customer, contact } = await insertCustomer(m, ctx, deps, {
    input: {
      name: input.customer.name ?? lead.name,
      status: input.customer.status ?? 'intention',
      level: input.customer.level,
      industry: input.customer.industry ?? (await usable('industry', lead.industry)),
      source,
      phone: lead.phone,
      address: lead.address,
      remark: lead.remark,
      contact: input.contact,
      // The plan made on the lead carries over.
      nextFollowUpAt: lead.nextFollowUpAt?.toISOString() ?? null,
    },
    owner: recordOwner,
    leadId: lead.id,
    leadNumber: lead.number,
    prefix: 'customer',
  })
  await carryFollowUps(m, ctx, lead, customer)
  const opportunity = input.opportunity
    ? await insertOpportunity(m, ctx, deps, {
        input: {
          ...input.opportunity,
          stage: input.opportunity.stage ?? 'initial',
          contactId: contact?.id ?? null,
          source,
        },
        customer,
        owner: recordOwner,
        leadId: lead.id,
        prefix: 'opportunity',
      })
    : null
  const converted = await leads.update(
    m,
    ctx,
    id,
    version,
    {
      status: 'converted',
      convertedAt: new Date(),
      convertedCustomerId: customer.id,
      convertedContactId: contact?.id ?? null,
      convertedOpportunityId: opportunity?.id ?? null,
    },
    // The note names the customer (no words: the action label says "converted" in the reader's language).
    { action: 'convert', note: `${customer.name} (${customer.number})` },
  )
  await publishEvent(m, {
    topic: 'sales.lead.converted',
    actorId: ctx.actor.id,
    payload: {
      id: lead.id,
      number: lead.number,
      name: lead.name,
      ownerId: recordOwner.ownerId,
      ownerName: recordOwner.ownerName,
      customerId: customer.id,
      customerName: customer.name,
      contactId: contact?.id ?? null,
      opportunityId: opportunity?.id ?? null,
    },
  })
  return { lead: converted, customer: await customers.get(m, customer.id), contact, opportunity }
}

/**
 * The lead's follow-ups become the customer's (same writer, dates and files; owner and team from the
 * customer), each audited, and the customer's last follow-up time is the lead's. The lead keeps its
 * own times and links to the customer; its timeline points there.
 */
async function carryFollowUps(m: EntityManager, ctx: RecordContext, lead: LeadRow, customer: CustomerRow) {
  const moved = await updateReturning<{ id: string; title: string }>(
    m,
    `UPDATE followup SET target_type = 'customer', target_id = $2, target_name = $3, customer_id = $2,
       customer_name = $3, owner_id = $4, owner_name = $5, dept_id = $6, version = version + 1,
       updated_at = now(), updated_by = $7
     WHERE target_type = 'lead' AND target_id = $1 AND deleted_at IS NULL
     RETURNING id, subject || ' (' || $3 || ')' AS title`,
    [
      lead.id,
      customer.id,
      customer.name,
      customer.ownerId,
      customer.ownerName,
      customer.deptId,
      ctx.actor.id,
    ],
  )
  const note = `Moved from lead ${lead.number} to customer ${customer.name} (${customer.number})`
  for (const f of moved) {
    await writeAudit(m, ctx, {
      action: 'update',
      entityType: 'followup',
      entityId: f.id,
      entityTitle: f.title,
      diff: {
        targetType: { before: 'lead', after: 'customer' },
        targetId: { before: lead.id, after: customer.id },
      },
      note,
    })
  }
  if (lead.lastFollowUpAt)
    await m.query('UPDATE customer SET last_followup_at = $2 WHERE id = $1', [
      customer.id,
      lead.lastFollowUpAt,
    ])
}
