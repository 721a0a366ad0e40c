import { z } from 'zod'
import { sales } from '@mosaic/schemas'
import {
  registerAggregate,
  registerExchange,
  type ApiRouter,
  type Database,
  type DomainDeps,
} from '@mosaic/service-kit'
import {
  createContact,
  contactsOfCustomer,
  deleteContact,
  listContacts,
  restoreContact,
  updateContact,
} from './contacts.service.js'
import {
  deleteCustomer,
  listCustomers,
  presentOne,
  restoreCustomer,
  setLocked,
  updateCustomer,
} from './customers.service.js'
import { createCustomer } from './customers.create.js'
import { presentContacts } from './customers.present.js'
import { contacts, customers } from './customers.store.js'
import { contactExchange, customerExchange } from './customers.exchange.js'
import { duplicateCheck } from './duplicates.js'
import { receivablesSummary } from './receivables.js'

export function registerCustomerRoutes(api: ApiRouter, db: Database, deps: DomainDeps) {
  // Before the aggregate's `/:id` routes, which would otherwise take `/export` for an id.
  registerExchange(api, customerExchange(deps), { db, ...deps })
  registerAggregate(api, {
    resource: 'sales.customer',
    path: '/customers',
    db,
    store: customers,
    response: sales.Customer,
    present: presentOne,
    list: {
      summary: 'Customers in my data scope or shared with me (newest first)',
      query: sales.CustomerListQuery,
      run: (m, ctx, query) => listCustomers(m, ctx, query),
    },
    create: {
      summary: 'Create a customer (optionally with its primary contact)',
      body: sales.CustomerCreate,
      run: (m, ctx, body) => createCustomer(m, ctx, deps, body),
    },
    update: {
      body: sales.CustomerUpdate,
      apply: (m, ctx, id, version, body) => updateCustomer(m, ctx, deps, id, version, body),
    },
    remove: deleteCustomer,
    bulk: { edit: sales.CustomerBulkEdit },
    restore: restoreCustomer,
    views: {
      duplicates: {
        summary: 'Duplicate-name check (case- and space-insensitive) before creating or renaming',
        query: sales.DuplicateQuery,
        response: sales.DuplicateCheck,
        run: (m, ctx, { query }) => duplicateCheck(m, customers, ctx.principal, query.name, query.excludeId),
      },
      ':id/contacts': {
        summary: "A customer's contacts, primary first",
        access: 'sales.contact.read',
        response: z.array(sales.Contact),
        run: (m, ctx, { params }) => contactsOfCustomer(m, ctx, params.id!),
      },
      ':id/receivables-summary': {
        summary:
          "A customer's contracts as finance reports their collection: total, received, outstanding, %",
        response: sales.CustomerReceivablesSummary,
        run: (m, ctx, { params }) => receivablesSummary(m, ctx, params.id!),
      },
    },
    actions: {
      lock: {
        summary: 'Lock a customer (kept out of pool recycling)',
        run: (m, ctx, id, version) => setLocked(m, ctx, id, version, true),
      },
      unlock: {
        summary: 'Unlock a customer',
        access: 'lock',
        run: (m, ctx, id, version) => setLocked(m, ctx, id, version, false),
      },
    },
  })
}

export function registerContactRoutes(api: ApiRouter, db: Database, deps: DomainDeps) {
  // Before the aggregate's `/:id` routes, which would otherwise take `/export` for an id.
  registerExchange(api, contactExchange(), { db, ...deps })
  registerAggregate(api, {
    resource: 'sales.contact',
    path: '/contacts',
    db,
    store: contacts,
    response: sales.Contact,
    present: async (m, row) => (await presentContacts(m, [row]))[0],
    list: {
      summary: 'Contacts of the customers I can see',
      query: sales.ContactListQuery,
      run: (m, ctx, query) => listContacts(m, ctx.principal, query),
    },
    create: {
      summary: 'Add a contact to a customer (primary: the previous primary steps down)',
      body: sales.ContactCreate,
      run: createContact,
    },
    update: { body: sales.ContactUpdate, apply: updateContact },
    remove: deleteContact,
    // No field of a contact is one to set alike on many (decision 111): bulk delete only.
    bulk: {},
    restore: restoreContact,
  })
}
