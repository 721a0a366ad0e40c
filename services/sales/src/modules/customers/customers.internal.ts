import { z } from 'zod'
import type { EntityManager } from 'typeorm'
import { Id, sales, tickets } from '@mosaic/schemas'
import type { Principal } from '@mosaic/permissions'
import { notFound, textContains, type ApiRouter, type Database } from '@mosaic/service-kit'
import { contacts, customers } from './customers.store.js'
import { nameKey } from './duplicates.js'

type CardQuery = z.infer<typeof sales.CustomerCardQuery>

/** The user another service acts for, as far as the data scope needs them. */
function actingUser(
  query: Pick<CardQuery, 'userId' | 'dataScope'> & { deptIds?: string | string[] },
): Principal {
  const deptIds = Array.isArray(query.deptIds) ? query.deptIds : query.deptIds ? query.deptIds.split(',') : []
  return {
    userId: query.userId!,
    username: query.userId!,
    deptId: deptIds[0] ?? null,
    scopeDeptIds: deptIds,
    roles: [],
    permissions: [],
    dataScope: query.dataScope ?? 'self',
    kind: 'staff',
  }
}

/**
 * What other services read of a customer (service tokens only): the orders service's quotes,
 * contracts and orders snapshot its name and check that a contact and an opportunity are its own.
 * With `userId` the customer must be in that user's data scope (else 404, like the public routes).
 */
export function registerCustomerInternalRoutes(internal: ApiRouter, db: Database): void {
  internal.route({
    method: 'get',
    path: '/customers/:id/card',
    summary: 'A live customer’s name, with the named contact and opportunity when they are its own',
    tags: ['internal'],
    access: 'service',
    params: z.object({ id: Id }),
    query: sales.CustomerCardQuery,
    response: sales.CustomerCard,
    // A read, like the public lists: no transaction (a contact removed between the statements is
    // simply not there, which the caller handles as for any other id).
    handler: ({ params, query }) => readCard(db.dataSource.manager, params.id, query),
  })
  internal.route({
    method: 'post',
    path: '/customers/lookup',
    // A read with a body (too many names for a query string): 200, nothing is created.
    status: 200,
    summary: 'Live customers by name (case and spaces ignored) or number, in the acting user’s data scope',
    tags: ['internal'],
    access: 'service',
    body: sales.CustomerLookup,
    response: sales.CustomerLookupResult,
    handler: async ({ body }) => ({ items: await lookupCustomers(db.dataSource.manager, body) }),
  })
  internal.route({
    method: 'post',
    path: '/contacts/lookup',
    status: 200,
    summary:
      'Live contacts by name (trimmed, case ignored) among given customers, in the acting user’s data scope',
    tags: ['internal'],
    access: 'service',
    body: sales.ContactLookup,
    response: sales.ContactLookupResult,
    handler: async ({ body }) => ({ items: await lookupContacts(db.dataSource.manager, body) }),
  })
  registerServiceDeskRoutes(internal, db)
}

/** An import's customer column in another service: one query for a whole chunk of names and numbers. */
async function lookupCustomers(m: EntityManager, body: sales.CustomerLookup) {
  const qb = customers
    .repo(m)
    .createQueryBuilder('c')
    .select(['c.id', 'c.number', 'c.name'])
    .where('c.deleted_at IS NULL')
    .andWhere('(c.name_key IN (:...keys) OR c.number IN (:...texts))', {
      keys: body.texts.map(nameKey),
      texts: body.texts,
    })
  const scope = customers.scopeWhere(actingUser(body), 'c')
  if (scope) qb.andWhere(scope.sql, scope.params)
  return (await qb.getMany()).map((c) => ({ id: c.id, number: c.number, name: c.name }))
}

/** A contact name as the lookup compares it. */
const contactKey = (customerId: string, name: string) => `${customerId}\u0000${name.trim().toLowerCase()}`

/**
 * An import's contact column in another service: one query for a chunk of (customer, name) pairs.
 * Contacts carry their customer's owner, department and team, so their own scope is the customer's.
 * Two contacts of one customer may share a name: the primary one answers, else the first added
 * (the order the customer's contact list shows), so the same file always resolves the same way.
 */
async function lookupContacts(m: EntityManager, body: sales.ContactLookup) {
  const qb = contacts
    .repo(m)
    .createQueryBuilder('ct')
    .select(['ct.id', 'ct.customerId', 'ct.name'])
    .where('ct.deleted_at IS NULL')
    .andWhere(
      '(ct.customer_id, lower(btrim(ct.name))) IN (SELECT * FROM unnest(CAST(:ids AS uuid[]), CAST(:names AS text[])))',
      {
        ids: body.pairs.map((p) => p.customerId),
        names: body.pairs.map((p) => p.name.toLowerCase()),
      },
    )
    .orderBy('ct.is_primary', 'DESC')
    .addOrderBy('ct.created_at', 'ASC')
    .addOrderBy('ct.id', 'ASC')
  const scope = contacts.scopeWhere(actingUser(body), 'ct')
  if (scope) qb.andWhere(scope.sql, scope.params)
  const first = new Map<string, string>()
  for (const c of await qb.getMany()) {
    const key = contactKey(c.customerId, c.name)
    if (!first.has(key)) first.set(key, c.id)
  }
  return body.pairs.flatMap((p) => {
    const id = first.get(contactKey(p.customerId, p.name))
    return id ? [{ id, customerId: p.customerId, name: p.name }] : []
  })
}

/** How many customers a ticket form's search offers when it does not say. */
const CUSTOMER_OPTIONS_DEFAULT = 20

/**
 * What the tickets service looks up (its ticket form, portal accounts): customers by name and one
 * customer with its contacts. A service desk serves every customer, so no data scope applies, and
 * only names and phones leave (decision 100).
 */
function registerServiceDeskRoutes(internal: ApiRouter, db: Database): void {
  internal.route({
    method: 'get',
    path: '/customers',
    summary: 'Live customers whose name contains q, newest first (every customer: no data scope)',
    tags: ['internal'],
    access: 'service',
    query: tickets.CustomerOptionQuery,
    response: z.object({ items: z.array(tickets.CustomerOption) }),
    handler: async ({ query }) => ({ items: await customerOptions(db.dataSource.manager, query) }),
  })
  internal.route({
    method: 'get',
    path: '/customers/:id',
    summary: 'A live customer’s name and live contacts (id, name, phone); 404 when unknown or deleted',
    tags: ['internal'],
    access: 'service',
    params: z.object({ id: Id }),
    response: tickets.CustomerCard,
    handler: async ({ params }) => customerWithContacts(db.dataSource.manager, params.id),
  })
}

/**
 * Newest first, through the name's trigram / bigram indexes (textContains) and the live
 * newest-first index when no term is given.
 */
async function customerOptions(m: EntityManager, query: tickets.CustomerOptionQuery) {
  const qb = customers
    .repo(m)
    .createQueryBuilder('c')
    .select(['c.id', 'c.name'])
    .where('c.deleted_at IS NULL')
    .orderBy('c.created_at', 'DESC')
    .addOrderBy('c.id', 'DESC')
    .limit(query.limit ?? CUSTOMER_OPTIONS_DEFAULT)
  if (query.q) {
    const match = textContains('c.name', query.q, 'q')
    qb.andWhere(match.sql, match.params)
  }
  return (await qb.getMany()).map((c) => ({ id: c.id, name: c.name }))
}

async function customerWithContacts(m: EntityManager, id: string): Promise<tickets.CustomerCard> {
  const row = await customers
    .repo(m)
    .createQueryBuilder('c')
    .select(['c.id', 'c.name'])
    .where('c.id = :id AND c.deleted_at IS NULL', { id })
    .getOne()
  if (!row) throw notFound()
  // The primary contact first, then in the order they were added.
  const contacts = (await m.query(
    `SELECT id, name, phone FROM contact WHERE customer_id = $1 AND deleted_at IS NULL
       ORDER BY is_primary DESC, created_at, id`,
    [id],
  )) as tickets.ContactOption[]
  return { id: row.id, name: row.name, contacts }
}

async function readCard(m: EntityManager, id: string, query: CardQuery) {
  const qb = customers
    .repo(m)
    .createQueryBuilder('c')
    .select(['c.id', 'c.number', 'c.name', 'c.ownerId', 'c.deptId'])
    .where('c.id = :id AND c.deleted_at IS NULL', { id })
  if (query.userId) {
    const scope = customers.scopeWhere(actingUser(query), 'c')
    if (scope) qb.andWhere(scope.sql, scope.params)
  }
  const row = await qb.getOne()
  if (!row) throw notFound()
  const customer = {
    id: row.id,
    number: row.number,
    name: row.name,
    ownerId: row.ownerId,
    deptId: row.deptId,
  }
  const [contact] = query.contactId
    ? await m.query(
        `SELECT id, name, phone FROM contact
            WHERE id = $1 AND customer_id = $2 AND deleted_at IS NULL`,
        [query.contactId, id],
      )
    : []
  const [opportunity] = query.opportunityId
    ? await m.query(
        `SELECT id, name FROM opportunity
            WHERE id = $1 AND customer_id = $2 AND deleted_at IS NULL`,
        [query.opportunityId, id],
      )
    : []
  return { ...customer, contact: contact ?? null, opportunity: opportunity ?? null }
}
