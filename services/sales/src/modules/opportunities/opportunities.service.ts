import type { EntityManager } from 'typeorm'
import { roundMoney } from '@mosaic/money'
import type { sales } from '@mosaic/schemas'
import {
  definedOnly,
  fieldError,
  fieldPath,
  problem,
  validationFailed,
  type DomainDeps,
  type Owner,
  type RecordContext,
} from '@mosaic/service-kit'
import type { CustomerRow } from '../customers/customers.entity.js'
import { contacts, customers } from '../customers/customers.store.js'
import { refreshFollowUpTimes } from '../followups/followup-times.js'
import { cascadeFollowUps } from '../followups/followups.cascade.js'
import type { OpportunityRow } from './opportunities.entity.js'
import { assertModifiable } from './opportunities.lock.js'
import { NOT_CLOSED, opportunities } from './opportunities.store.js'
import { productsTotal, resolveLines, storedLine, type ProductLookup } from './products.js'

/** Stage and source are dictionary values; a stage that is an outcome (won/lost) is reached only by closing. */
async function checkStage(deps: DomainDeps, stage: string, prefix?: string): Promise<number> {
  const entry = await deps.dicts.entry('opportunity_stage', stage)
  const extra = entry?.extra ?? {}
  if (extra.outcome) {
    throw validationFailed([fieldError(fieldPath(prefix, 'stage'), 'sales.opportunity.stage_by_closing')])
  }
  return typeof extra.probability === 'number' ? extra.probability : 0
}

const money = (v: string | null | undefined) => (v == null ? v : roundMoney(v))

/** The contact must belong to the customer; none given → the customer's primary contact. */
async function resolveContact(
  m: EntityManager,
  customerId: string,
  contactId: string | null | undefined,
  prefix?: string,
): Promise<{ contactId: string | null; contactName: string | null }> {
  if (contactId === null) return { contactId: null, contactName: null }
  if (contactId) {
    const c = await contacts.find(m, contactId)
    if (!c || c.customerId !== customerId) {
      throw validationFailed([fieldError(fieldPath(prefix, 'contactId'), 'sales.contact.not_of_customer')])
    }
    return { contactId: c.id, contactName: c.name }
  }
  const [primary] = await m.query(
    'SELECT id, name FROM contact WHERE customer_id = $1 AND is_primary AND deleted_at IS NULL',
    [customerId],
  )
  return { contactId: primary?.id ?? null, contactName: primary?.name ?? null }
}

/** What writing an opportunity needs besides the transaction: dictionaries, and orders' products. */
export interface OpportunityDeps extends DomainDeps {
  products: ProductLookup
}

export interface NewOpportunity {
  input: Omit<sales.OpportunityCreate, 'ownerId' | 'customerId' | 'products'> & { stage: string }
  /** The product lines, already resolved against orders (`resolveLines`). */
  products?: sales.OpportunityLine[]
  customer: CustomerRow
  owner: Owner
  leadId?: string | null
  /** Field path prefix for errors (lead conversion: 'opportunity'). */
  prefix?: string
}

export async function insertOpportunity(
  m: EntityManager,
  ctx: RecordContext,
  deps: DomainDeps,
  o: NewOpportunity,
): Promise<OpportunityRow> {
  const { input, customer, prefix } = o
  await deps.dicts.assert([
    { field: fieldPath(prefix, 'stage'), type: 'opportunity_stage', value: input.stage },
    { field: fieldPath(prefix, 'source'), type: 'lead_source', value: input.source },
  ])
  const probability = await checkStage(deps, input.stage, prefix)
  const products = o.products ?? []
  return opportunities.create(m, ctx, {
    name: input.name,
    customerId: customer.id,
    customerName: customer.name,
    ...(await resolveContact(m, customer.id, input.contactId, prefix)),
    stage: input.stage,
    probability: input.probability ?? probability,
    source: input.source ?? null,
    type: input.type ?? null,
    ...o.owner,
    // No amount given: the products' total is the best estimate there is.
    expectedAmount: money(input.expectedAmount) ?? (products.length ? productsTotal(products) : null),
    expectedCloseDate: input.expectedCloseDate ?? null,
    products,
    remark: input.remark ?? null,
    status: 'open',
    ...NOT_CLOSED,
    lastFollowUpAt: null,
    nextFollowUpAt: null,
    leadId: o.leadId ?? null,
  })
}

/** The customer an opportunity is created for must be one the caller may change. */
export async function customerForOpportunity(m: EntityManager, ctx: RecordContext, customerId: string) {
  const customer = await customers.find(m, customerId, ctx, { access: 'write' })
  if (!customer) throw validationFailed([fieldError('customerId', 'sales.customer.unknown')])
  return customer
}

export async function updateOpportunity(
  m: EntityManager,
  ctx: RecordContext,
  deps: OpportunityDeps,
  id: string,
  version: number,
  input: sales.OpportunityUpdate,
) {
  const before = await opportunities.get(m, id, ctx, { access: 'write', lock: true })
  await assertModifiable(m, ctx, before)
  await deps.dicts.assert([
    { field: 'stage', type: 'opportunity_stage', value: input.stage },
    { field: 'source', type: 'lead_source', value: input.source },
  ])
  const { contactId, products, expectedAmount, ...fields } = input
  const patch: Partial<OpportunityRow> = definedOnly(fields)
  if (input.stage && input.stage !== before.stage) {
    const probability = await checkStage(deps, input.stage)
    patch.probability = input.probability ?? probability
  }
  if (contactId !== undefined) Object.assign(patch, await resolveContact(m, before.customerId, contactId))
  if (products) patch.products = await resolveLines(deps.products, products, before.products.map(storedLine))
  if (expectedAmount !== undefined) patch.expectedAmount = money(expectedAmount) ?? null
  return opportunities.update(m, ctx, id, version, patch)
}

/** Its follow-ups go to the recycle bin with it; a closed, locked opportunity is not deleted. */
export async function deleteOpportunity(m: EntityManager, ctx: RecordContext, id: string, version: number) {
  const row = await opportunities.get(m, id, ctx, { access: 'owner', lock: true })
  await assertModifiable(m, ctx, row)
  await opportunities.softDelete(m, ctx, id, version)
  const [{ deleted_at: at }] = await m.query('SELECT deleted_at FROM opportunity WHERE id = $1', [id])
  await cascadeFollowUps(m, ctx, { type: 'opportunity', id, title: row.name }, at, 'delete')
  await refreshFollowUpTimes(m, 'customer', row.customerId)
}

export async function restoreOpportunity(m: EntityManager, ctx: RecordContext, id: string) {
  const row = await opportunities.get(m, id, ctx, { withDeleted: true, access: 'owner' })
  const customer = await customers.find(m, row.customerId, undefined, { withDeleted: true })
  if (!customer || customer.deletedAt) {
    throw problem(409, 'sales.customer.deleted_parent')
  }
  const restored = await opportunities.restore(m, ctx, id)
  if (row.deletedAt) {
    await cascadeFollowUps(m, ctx, { type: 'opportunity', id, title: row.name }, row.deletedAt, 'restore')
  }
  await refreshFollowUpTimes(m, 'opportunity', id)
  await refreshFollowUpTimes(m, 'customer', row.customerId)
  return restored
}
