import type { EntityManager } from 'typeorm'
import type { sales } from '@mosaic/schemas'
import { preconditionFailed, publishEvent, type RecordContext } from '@mosaic/service-kit'
import type { SalesDeps } from '../../support/context.js'
import type { Owner } from '../../support/owners.js'
import { insertCustomer } from '../customers/customers.service.js'
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
  deps: SalesDeps,
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
    },
    owner: recordOwner,
    leadId: lead.id,
    prefix: 'customer',
  })
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
    { action: 'convert', note: `Converted to customer ${customer.name} (${customer.number})` },
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
  return { lead: converted, customer, contact, opportunity }
}
