import type { EntityManager } from 'typeorm'
import type { z } from 'zod'
import type { Principal } from '@mosaic/permissions'
import { formatProblem, type orders, type ProblemCode, type ProblemParams, type sales } from '@mosaic/schemas'
import type { RecordBase, RecordStore } from '@mosaic/service-kit'
import type { ContactRow, CustomerRow } from '../customers/customers.entity.js'
import { customers } from '../customers/customers.store.js'
import type { OpportunityRow } from '../opportunities/opportunities.entity.js'
import { opportunities } from '../opportunities/opportunities.store.js'
import { leads } from '../leads/leads.store.js'
import { limitFor, lockedCount, ownedCount } from '../ownership/limits.js'
import { contactsOf, type NewOwner } from '../ownership/owner-changes.js'
import type { PoolRules } from '../pool/recycle-rules.js'

/**
 * A customer's documents in the orders service that follow it on request (the transfer event asks;
 * orders moves the old owner's ones): cascade option → the entity type the preview lists them as.
 */
export const CASCADE_DOCUMENTS = { quotes: 'quote', contracts: 'contract' } as const satisfies Partial<
  Record<sales.TransferCascade, string>
>
type DocumentCascade = keyof typeof CASCADE_DOCUMENTS

/** The cascades a transfer carries out (and so the only ones the form offers). */
export const TRANSFER_OPTIONS: sales.TransferOptions = {
  cascades: {
    customer: ['contacts', 'opportunities', ...(Object.keys(CASCADE_DOCUMENTS) as DocumentCascade[])],
    lead: [],
    opportunity: [],
  },
}

/** A customer's documents of one kind owned by `ownerId`, as orders lists them; null when orders does not answer. */
export type DocumentLookup = (
  kind: DocumentCascade,
  customerId: string,
  ownerId: string,
) => Promise<orders.CustomerDocument[] | null>

/** The request after defaults (cascade, oldOwner) are filled in. */
export type TransferBody = z.output<typeof sales.TransferRequest>

/** The columns every transferable record shares. */
export interface OwnedRow extends RecordBase {
  ownerId: string | null
  ownerName: string | null
  deptId: string | null
}

const STORES = { customer: customers, lead: leads, opportunity: opportunities }
export const storeOf = (type: sales.TransferRequest['entityType']) =>
  STORES[type] as unknown as RecordStore<OwnedRow>

/** The target's customer counts as the plan goes: each accepted customer takes a slot. */
export interface LimitState {
  owned: number
  locked: number
  ownedLimit: number | null
  lockedLimit: number | null
}

export async function limitState(m: EntityManager, rules: PoolRules, target: NewOwner): Promise<LimitState> {
  return {
    owned: await ownedCount(m, target.id),
    locked: await lockedCount(m, target.id),
    ownedLimit: limitFor(rules, 'owned', target.id, target.deptId),
    lockedLimit: limitFor(rules, 'locked', target.id, target.deptId),
  }
}

/** Everything one selected record's transfer changes, or why it is refused. */
export interface RootPlan {
  id: string
  problem: sales.TransferPreview['problems'][number] | null
  changes: sales.TransferChange[]
  row: OwnedRow | null
  contacts: ContactRow[]
  opportunities: OpportunityRow[]
}

type Refusal = { code: ProblemCode; params?: ProblemParams }
const refuse = (id: string, title: string | null, status: number, r: Refusal): RootPlan => ({
  id,
  problem: {
    id,
    title,
    status,
    detail: formatProblem(r.code, r.params, 'en') ?? r.code,
    code: r.code,
    ...(r.params ? { params: r.params } : {}),
  },
  changes: [],
  row: null,
  contacts: [],
  opportunities: [],
})

/**
 * The one planning step behind both the preview and the commit, so the commit changes exactly
 * what the preview listed. With `lock`, the selected record is row-locked for the commit.
 */
export async function planRoot(
  m: EntityManager,
  principal: Principal,
  body: TransferBody,
  target: NewOwner,
  id: string,
  limits: LimitState,
  documents: DocumentLookup,
  lock = false,
): Promise<RootPlan> {
  const store = storeOf(body.entityType)
  const row = await store.find(m, id, undefined, { lock })
  const access = row && (await store.accessOf(m, principal, row))
  if (!row || !access) return refuse(id, null, 404, { code: 'http.not_found' })
  const title = store.options.title(row)
  if (access !== 'scope') return refuse(id, title, 403, { code: 'sales.transfer.not_owner' })
  if (row.ownerId === target.id)
    return refuse(id, title, 409, { code: 'sales.transfer.already_owner', params: { owner: target.name } })
  if (body.entityType === 'customer') {
    const customer = row as unknown as CustomerRow
    if (!customer.ownerId) return refuse(id, title, 409, { code: 'sales.transfer.in_pool' })
    const problem = takeSlot(limits, customer.locked, target)
    if (problem) return refuse(id, title, 409, problem)
  }
  const from = { fromOwnerId: row.ownerId, fromOwnerName: row.ownerName }
  const change = (
    entityType: string,
    r: { id: string },
    t: string,
    kind: sales.TransferChange['change'],
  ) => ({
    entityType,
    id: r.id,
    title: t,
    rootId: id,
    ...from,
    change: kind,
  })
  const changes: sales.TransferChange[] = [change(body.entityType, row, title, 'owner')]
  const keepOldOwner = body.oldOwner !== 'remove' && row.ownerId !== null
  if (keepOldOwner) changes.push(change(body.entityType, row, title, 'team'))
  const plan: RootPlan = { id, problem: null, changes, row, contacts: [], opportunities: [] }
  if (body.entityType !== 'customer') return plan
  if (body.cascade.contacts) {
    plan.contacts = await contactsOf(m, id)
    for (const c of plan.contacts) changes.push(change('contact', c, c.name, 'owner'))
  }
  if (body.cascade.opportunities && row.ownerId) {
    plan.opportunities = await opportunities
      .repo(m)
      .createQueryBuilder('o')
      .where('o.customer_id = :id AND o.owner_id = :owner AND o.deleted_at IS NULL', {
        id,
        owner: row.ownerId,
      })
      .orderBy('o.created_at')
      .addOrderBy('o.id')
      .getMany()
    for (const o of plan.opportunities) {
      const t = opportunities.options.title(o)
      changes.push(change('opportunity', o, t, 'owner'))
      if (keepOldOwner) changes.push(change('opportunity', o, t, 'team'))
    }
  }
  // Quotes and contracts live in the orders service: the event asks it to move the old
  // owner's ones. The preview lists them as orders has them now; without an answer from orders, one
  // line says that they are requested.
  for (const [kind, entityType] of Object.entries(CASCADE_DOCUMENTS) as [DocumentCascade, string][]) {
    if (!body.cascade[kind] || !row.ownerId) continue
    const docs = await documents(kind, id, row.ownerId)
    if (!docs) changes.push(change(entityType, row, title, 'requested'))
    else
      for (const d of docs)
        changes.push({ ...change(entityType, d, d.number, 'requested'), status: d.status })
  }
  return plan
}

/** Reserves the target's slot for one more customer, or says which limit it would break. */
function takeSlot(limits: LimitState, locked: boolean, target: NewOwner): Refusal | null {
  if (limits.ownedLimit !== null && limits.owned + 1 > limits.ownedLimit) {
    const params = { user: target.name, count: limits.owned + 1, limit: limits.ownedLimit }
    return { code: 'sales.transfer.limit_owned', params }
  }
  if (locked && limits.lockedLimit !== null && limits.locked + 1 > limits.lockedLimit) {
    const params = { user: target.name, count: limits.locked + 1, limit: limits.lockedLimit }
    return { code: 'sales.transfer.limit_locked', params }
  }
  limits.owned++
  if (locked) limits.locked++
  return null
}
