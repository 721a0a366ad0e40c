import { z } from 'zod'
import { Id, tickets } from '@mosaic/schemas'
import { notFound, recordContext, type DomainContext } from '@mosaic/service-kit'
import { hashPassword } from '@mosaic/service-kit/passwords'
import type { TicketsConfig } from '../../config.js'
import { customerAndContact } from './customers.js'
import {
  createPortalAccount,
  deletePortalAccount,
  listPortalAccounts,
  portalAccounts,
  presentAccount,
  resetPortalPassword,
  updatePortalAccount,
} from './portal-accounts.service.js'

const IdParams = z.object({ id: Id })
const tags = ['portal-accounts']

/** Staff management of customer accounts (`/portal-accounts`, `tickets.portal-account.*`). */
export function registerPortalAccountRoutes({ api, db, serviceClient }: DomainContext<TicketsConfig>) {
  api.route({
    method: 'get',
    path: '/portal-accounts',
    summary: 'Customer accounts, newest first',
    tags,
    access: 'tickets.portal-account.read',
    query: tickets.PortalAccountListQuery,
    handler: ({ query }) => db.transaction((m) => listPortalAccounts(m, query)),
  })
  api.route({
    method: 'get',
    path: '/portal-accounts/:id',
    summary: 'A customer account',
    tags,
    access: 'tickets.portal-account.read',
    params: IdParams,
    response: tickets.PortalAccount,
    handler: async ({ params }) => {
      const row = await db.transaction((m) => portalAccounts.find(m, params.id))
      if (!row) throw notFound()
      return presentAccount(row)
    },
  })
  api.route({
    method: 'post',
    path: '/portal-accounts',
    summary: "Give a customer's contact a portal account",
    tags,
    access: 'tickets.portal-account.create',
    body: tickets.PortalAccountCreate,
    response: tickets.PortalAccount,
    handler: async ({ body, principal, requestId }) => {
      const names = await customerAndContact(serviceClient, body.customerId, body.contactId)
      const hash = await hashPassword(body.password)
      const row = await db.transaction((m) =>
        createPortalAccount(m, recordContext(principal, requestId), body, names, hash),
      )
      return presentAccount(row)
    },
  })
  api.route({
    method: 'patch',
    path: '/portal-accounts/:id',
    summary: 'Rename, enable or disable a customer account',
    tags,
    access: 'tickets.portal-account.update',
    params: IdParams,
    body: tickets.PortalAccountUpdate,
    response: tickets.PortalAccount,
    handler: async ({ params, body, principal, requestId, expectedVersion }) => {
      const version = expectedVersion()
      const row = await db.transaction((m) =>
        updatePortalAccount(m, recordContext(principal, requestId), params.id, version, body),
      )
      return presentAccount(row)
    },
  })
  api.route({
    method: 'post',
    path: '/portal-accounts/:id/reset-password',
    summary: "Set a customer account's password (its sessions end)",
    tags,
    access: 'tickets.portal-account.reset-password',
    params: IdParams,
    body: tickets.PortalPasswordReset,
    response: tickets.PortalAccount,
    status: 200,
    handler: async ({ params, body, principal, requestId, expectedVersion }) => {
      const version = expectedVersion()
      const hash = await hashPassword(body.password)
      const row = await db.transaction((m) =>
        resetPortalPassword(m, recordContext(principal, requestId), params.id, version, hash),
      )
      return presentAccount(row)
    },
  })
  api.route({
    method: 'delete',
    path: '/portal-accounts/:id',
    summary: 'Delete a customer account for good (audited)',
    tags,
    access: 'tickets.portal-account.delete',
    params: IdParams,
    handler: async ({ params, principal, requestId, expectedVersion }) => {
      const version = expectedVersion()
      await db.transaction((m) =>
        deletePortalAccount(m, recordContext(principal, requestId), params.id, version),
      )
    },
  })
  api.route({
    method: 'get',
    path: '/portal-accounts/:id/audit',
    summary: "A customer account's audit trail",
    tags,
    access: 'tickets.portal-account.read',
    params: IdParams,
    handler: ({ params }) => db.transaction((m) => portalAccounts.audit(m, params.id)),
  })
}
