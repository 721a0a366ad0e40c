import { z } from 'zod'
import { pageOf, sales } from '@mosaic/schemas'
import {
  callerContext,
  IdParams,
  recordContext,
  registerRecordRoutes,
  type ApiRouter,
  type Database,
  type DomainDeps,
} from '@mosaic/service-kit'
import {
  createContact,
  contactsOfCustomer,
  deleteContact,
  listContacts,
  presentContacts,
  restoreContact,
  updateContact,
} from './contacts.service.js'
import {
  createCustomer,
  deleteCustomer,
  listCustomers,
  presentOne,
  restoreCustomer,
  setLocked,
  updateCustomer,
} from './customers.service.js'
import { contacts, customers } from './customers.store.js'
import { duplicateCheck } from './duplicates.js'

export function registerCustomerRoutes(api: ApiRouter, db: Database, deps: DomainDeps) {
  const tags = ['customers']
  api.route({
    method: 'get',
    path: '/customers',
    summary: 'Customers in my data scope or shared with me (newest first)',
    tags,
    access: 'sales.customer.read',
    query: sales.CustomerListQuery,
    response: pageOf(sales.Customer),
    handler: ({ query, principal, requestId }) =>
      // A list is a read: no transaction (its BEGIN/COMMIT were half the round trips), so its
      // total and page run side by side on two pool connections (keysetPage).
      listCustomers(db.dataSource.manager, callerContext(principal, requestId), query),
  })
  api.route({
    method: 'post',
    path: '/customers',
    summary: 'Create a customer (optionally with its primary contact)',
    tags,
    access: 'sales.customer.create',
    body: sales.CustomerCreate,
    response: sales.Customer,
    handler: ({ body, principal, requestId }) =>
      db.transaction(async (m) => {
        const ctx = callerContext(principal, requestId)
        return presentOne(m, await createCustomer(m, ctx, deps, body), ctx)
      }),
  })
  api.route({
    method: 'get',
    path: '/customers/duplicates',
    summary: 'Duplicate-name check (case- and space-insensitive) before creating or renaming',
    tags,
    access: 'sales.customer.read',
    query: sales.DuplicateQuery,
    response: sales.DuplicateCheck,
    handler: ({ query, principal }) =>
      db.transaction((m) => duplicateCheck(m, customers, principal, query.name, query.excludeId)),
  })
  for (const locked of [true, false]) {
    api.route({
      method: 'post',
      path: `/customers/:id/${locked ? 'lock' : 'unlock'}`,
      summary: locked ? 'Lock a customer (kept out of pool recycling)' : 'Unlock a customer',
      tags,
      access: 'sales.customer.lock',
      params: IdParams,
      response: sales.Customer,
      status: 200,
      handler: ({ params, principal, requestId, expectedVersion }) => {
        const version = expectedVersion()
        return db.transaction(async (m) => {
          const ctx = recordContext(principal, requestId)
          return presentOne(m, await setLocked(m, ctx, params.id, version, locked), ctx)
        })
      },
    })
  }
  api.route({
    method: 'get',
    path: '/customers/:id/contacts',
    summary: "A customer's contacts, primary first",
    tags,
    access: 'sales.contact.read',
    params: IdParams,
    response: z.array(sales.Contact),
    handler: ({ params, principal, requestId }) =>
      db.transaction((m) => contactsOfCustomer(m, recordContext(principal, requestId), params.id)),
  })
  registerRecordRoutes(api, {
    path: '/customers',
    store: customers,
    db,
    tag: 'customers',
    present: (m, row, ctx) => presentOne(m, row, ctx),
    response: sales.Customer,
    update: {
      body: sales.CustomerUpdate,
      apply: (m, ctx, id, version, body) => updateCustomer(m, ctx, deps, id, version, body),
    },
    remove: deleteCustomer,
    restore: restoreCustomer,
    access: {
      read: 'sales.customer.read',
      update: 'sales.customer.update',
      delete: 'sales.customer.delete',
      restore: 'sales.customer.restore',
      revert: 'sales.customer.revert',
    },
  })
}

export function registerContactRoutes(api: ApiRouter, db: Database) {
  const tags = ['contacts']
  api.route({
    method: 'get',
    path: '/contacts',
    summary: 'Contacts of the customers I can see',
    tags,
    access: 'sales.contact.read',
    query: sales.ContactListQuery,
    response: pageOf(sales.Contact),
    handler: ({ query, principal }) => listContacts(db.dataSource.manager, principal, query),
  })
  api.route({
    method: 'post',
    path: '/contacts',
    summary: 'Add a contact to a customer (primary: the previous primary steps down)',
    tags,
    access: 'sales.contact.create',
    body: sales.ContactCreate,
    response: sales.Contact,
    handler: ({ body, principal, requestId }) =>
      db.transaction(async (m) => {
        const [one] = await presentContacts(m, [
          await createContact(m, recordContext(principal, requestId), body),
        ])
        return one
      }),
  })
  registerRecordRoutes(api, {
    path: '/contacts',
    store: contacts,
    db,
    tag: 'contacts',
    present: async (m, row) => (await presentContacts(m, [row]))[0],
    response: sales.Contact,
    update: { body: sales.ContactUpdate, apply: updateContact },
    remove: deleteContact,
    restore: restoreContact,
    access: {
      read: 'sales.contact.read',
      update: 'sales.contact.update',
      delete: 'sales.contact.delete',
      restore: 'sales.contact.restore',
    },
  })
}
