import type { EntityManager } from 'typeorm'
import type { sales } from '@mosaic/schemas'
import {
  atRow,
  fieldPath,
  issueNumbers,
  publishEvents,
  uniqueOr,
  type CallerContext,
  type DomainDeps,
  type Owner,
  type RecordContext,
} from '@mosaic/service-kit'
import { resolveOwners } from '../directory/owners.js'
import { checkOwnedLimits, lockPortfolios } from '../ownership/limits.js'
import type { ContactRow, CustomerRow } from './customers.entity.js'
import { customerDictFields } from './customers.service.js'
import { contacts, customers } from './customers.store.js'
import { assertNameFree, NAME_KEY_SQL, nameTaken } from './duplicates.js'

export interface NewCustomer {
  input: Omit<sales.CustomerCreate, 'ownerId'> & { status: string }
  owner: Owner
  leadId?: string | null
  leadNumber?: string | null
  /** Field path prefix for errors (lead conversion: 'customer'). */
  prefix?: string
}

export interface CreatedCustomer {
  customer: CustomerRow
  contact: ContactRow | null
}

/** Awaits `work`; its refusal names the `index`th new customer (an import reports that row). */
const forItem = <T>(index: number, work: Promise<T>): Promise<T> =>
  work.catch((error: unknown) => Promise.reject(atRow(index, error)))

/**
 * Creates customers — numbered, duplicate-checked, within each owner's limit — with their optional
 * primary contacts and `sales.customer.created` events. One rule for one customer (a form, a lead
 * conversion) and for many (an import run): each check is one query for the whole run and each
 * table one INSERT, so a run of hundreds costs what a handful of single creates do.
 */
export async function insertCustomers(
  m: EntityManager,
  ctx: RecordContext,
  deps: DomainDeps,
  items: NewCustomer[],
): Promise<CreatedCustomer[]> {
  if (!items.length) return []
  for (const [i, o] of items.entries())
    await forItem(i, deps.dicts.assert(customerDictFields(o.input, o.prefix)))
  await assertNamesFree(m, ctx, items)
  await checkOwnersLimits(m, items)
  const numbers = await issueNumbers(m, 'customer', items.length, { timeZone: deps.timeZone })
  const now = new Date()
  const rows = await uniqueOr(
    customers.createMany(
      m,
      ctx,
      items.map((o, i) => customerValues(o, numbers[i]!, now)),
    ),
    'customer_name_key_uq',
    () => atRow(0, nameTaken(fieldPath(items[0]!.prefix, 'name'))),
  )
  const contactOf = await insertPrimaryContacts(m, ctx, items, rows)
  await publishEvents(
    m,
    rows.map((row) => ({
      topic: 'sales.customer.created' as const,
      actorId: ctx.actor.id,
      payload: {
        id: row.id,
        number: row.number,
        name: row.name,
        ownerId: row.ownerId,
        ownerName: row.ownerName,
        leadId: row.leadId,
      },
    })),
  )
  return rows.map((customer) => ({ customer, contact: contactOf.get(customer.id) ?? null }))
}

/** One customer: the form's and the lead conversion's create. */
export async function insertCustomer(m: EntityManager, ctx: RecordContext, deps: DomainDeps, o: NewCustomer) {
  const [created] = await insertCustomers(m, ctx, deps, [o])
  return created!
}

/** Customers as the create body gives them: each owner resolved once (someone else: the transfer permission). */
export async function createCustomers(
  m: EntityManager,
  ctx: CallerContext,
  deps: DomainDeps,
  inputs: sales.CustomerCreate[],
): Promise<CustomerRow[]> {
  const ids = inputs.map((input) => input.ownerId)
  const owners = await resolveOwners(m, ctx.principal, ids, 'sales.customer.transfer')
  const items = inputs.map(({ ownerId: _owner, ...rest }, i): NewCustomer => ({
    input: { ...rest, status: rest.status ?? 'potential' },
    owner: owners[i]!,
  }))
  return (await insertCustomers(m, ctx, deps, items)).map((c) => c.customer)
}

export async function createCustomer(
  m: EntityManager,
  ctx: CallerContext,
  deps: DomainDeps,
  input: sales.CustomerCreate,
) {
  const [customer] = await createCustomers(m, ctx, deps, [input])
  return customer!
}

/**
 * A name already taken (outside the recycle bin, whatever the scope), or given twice in the run:
 * refused for the first such item, with the message a single create gets.
 */
async function assertNamesFree(m: EntityManager, ctx: RecordContext, items: NewCustomer[]) {
  const [clash]: Array<{ ord: number; taken: boolean }> = await m.query(
    `WITH given AS (
       SELECT ord::int - 1 AS ord, ${NAME_KEY_SQL('name')} AS key
       FROM unnest($1::text[]) WITH ORDINALITY AS u(name, ord)
     ), marked AS (
       SELECT ord,
              EXISTS (SELECT 1 FROM customer c WHERE c.deleted_at IS NULL AND c.name_key = given.key) AS taken,
              row_number() OVER (PARTITION BY key ORDER BY ord) > 1 AS repeated
       FROM given
     )
     SELECT ord, taken FROM marked WHERE taken OR repeated ORDER BY ord LIMIT 1`,
    [items.map((o) => o.input.name)],
  )
  if (!clash) return
  const item = items[clash.ord]!
  const field = fieldPath(item.prefix, 'name')
  if (!clash.taken) throw atRow(clash.ord, nameTaken(field))
  await forItem(clash.ord, assertNameFree(m, customers, item.input.name, undefined, field, ctx.principal))
}

/**
 * The owners' portfolios locked (in id order, so two runs cannot deadlock) and checked for the
 * customers the run adds to each; a refusal names the owner's first item of the run.
 */
async function checkOwnersLimits(m: EntityManager, items: NewCustomer[]) {
  const byOwner = new Map<string, number[]>()
  for (const [i, o] of items.entries())
    byOwner.set(o.owner.ownerId, [...(byOwner.get(o.owner.ownerId) ?? []), i])
  const owners = [...byOwner.values()]
  await lockPortfolios(m, [...byOwner.keys()])
  const users = owners.map((indexes) => {
    const { owner } = items[indexes[0]!]!
    return { id: owner.ownerId, deptId: owner.deptId, name: owner.ownerName, adding: indexes.length }
  })
  await checkOwnedLimits(m, users).catch((error: unknown) => {
    const owner = (error as { importIndex?: number }).importIndex ?? 0
    throw atRow(owners[owner]![0]!, error)
  })
}

function customerValues(o: NewCustomer, number: string, now: Date) {
  const { input, owner } = o
  return {
    number,
    name: input.name,
    status: input.status,
    level: input.level ?? null,
    industry: input.industry ?? null,
    source: input.source ?? null,
    ...owner,
    phone: input.phone ?? null,
    address: input.address ?? null,
    website: input.website ?? null,
    remark: input.remark ?? null,
    dealStatus: 'undealt',
    locked: false,
    lastFollowUpAt: null,
    nextFollowUpAt: input.nextFollowUpAt ? new Date(input.nextFollowUpAt) : null,
    lastDealAt: null,
    ownerSince: now,
    poolEnteredAt: null,
    poolReason: null,
    previousOwnerId: null,
    previousOwnerName: null,
    primaryContactName: input.contact?.name ?? null,
    primaryContactPhone: input.contact?.phone ?? null,
    leadId: o.leadId ?? null,
    leadNumber: o.leadNumber ?? null,
  } satisfies Partial<CustomerRow>
}

/** The primary contacts given with the customers, in one INSERT; by customer id. */
async function insertPrimaryContacts(
  m: EntityManager,
  ctx: RecordContext,
  items: NewCustomer[],
  rows: CustomerRow[],
): Promise<Map<string, ContactRow>> {
  const given = items.flatMap((o, i) => {
    const contact = o.input.contact
    if (!contact) return []
    const customer = rows[i]!
    return [
      {
        customerId: customer.id,
        name: contact.name,
        title: contact.title ?? null,
        phone: contact.phone ?? null,
        email: contact.email ?? null,
        isPrimary: true,
        remark: contact.remark ?? null,
        ownerId: customer.ownerId!,
        deptId: customer.deptId,
      },
    ]
  })
  const created = await contacts.createMany(m, ctx, given)
  return new Map(created.map((c) => [c.customerId, c]))
}
