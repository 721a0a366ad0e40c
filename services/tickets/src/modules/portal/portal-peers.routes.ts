import type { z } from 'zod'
import { finance, Problem, tickets } from '@mosaic/schemas'
import {
  problem,
  ServiceCallError,
  type DomainContext,
  type RouteContext,
  type ServiceClient,
} from '@mosaic/service-kit'
import type { TicketsConfig } from '../../config.js'
import { currentAccount } from './portal-session.js'

const tags = ['portal']
type Peer = 'orders' | 'finance'
const UNAVAILABLE = { orders: 'portal.orders_unavailable', finance: 'portal.finance_unavailable' } as const

/**
 * The customer's documents, orders and reconciliation statement, read from orders and finance with a service
 * token for the token's customer only (never a customer id from the request). Answers are parsed with the
 * shared schemas: a peer that is down, or answers something else, is a 503 in words.
 */
export function registerPortalPeerRoutes({ portal, db, serviceClient }: DomainContext<TicketsConfig>) {
  const customerPath = (customerId: string, rest: string) =>
    `/customers/${encodeURIComponent(customerId)}/${rest}`

  portal.route({
    method: 'get',
    path: '/documents',
    summary: "The customer's contracts and orders, for the ticket form",
    tags,
    access: 'portal',
    response: tickets.CustomerDocumentOptions,
    handler: ({ principal }) =>
      peerRead(
        serviceClient,
        'orders',
        customerPath(principal.customerId!, 'documents'),
        tickets.CustomerDocumentOptions,
      ),
  })
  portal.route({
    method: 'get',
    path: '/orders',
    summary: "The customer's sales orders with their shipments",
    tags,
    access: 'portal',
    response: tickets.PortalOrderList,
    handler: ({ principal }) =>
      peerRead(
        serviceClient,
        'orders',
        customerPath(principal.customerId!, 'orders'),
        tickets.PortalOrderList,
      ),
  })
  portal.route({
    method: 'get',
    path: '/statement',
    summary: "The customer's reconciliation statement for a period",
    tags,
    access: 'portal',
    query: tickets.StatementPeriod,
    response: finance.Statement,
    handler: ({ principal, query }) => {
      const period = new URLSearchParams({ from: query.from, to: query.to })
      return peerRead(
        serviceClient,
        'finance',
        `${customerPath(principal.customerId!, 'statement')}?${period}`,
        finance.Statement,
      )
    },
  })
  portal.route({
    method: 'post',
    path: '/statement/responses',
    summary: 'Confirm or dispute the statement (as the signed-in contact)',
    tags,
    access: 'portal',
    body: finance.StatementRespond,
    response: finance.StatementResponse,
    handler: async ({ principal, body, res }) => {
      const account = await db.transaction((m) => currentAccount(m, principal))
      const answer: finance.InternalStatementRespond = {
        ...body,
        accountId: account.id,
        respondentName: account.contactName,
      }
      try {
        const created = await serviceClient.internalFetch(
          'finance',
          customerPath(account.customerId, 'statement-responses'),
          { method: 'POST', body: answer },
        )
        return parsedOr503('finance', finance.StatementResponse, created)
      } catch (error) {
        // Finance's own refusals (a stale digest: 409 `finance.statement.changed`) reach the contact as they are.
        if (passOnRefusal(error, res)) return
        throw problem(503, UNAVAILABLE.finance)
      }
    },
  })
}

async function peerRead<S extends z.ZodType>(
  client: ServiceClient,
  peer: Peer,
  path: string,
  schema: S,
): Promise<z.output<S>> {
  let answer: unknown
  try {
    answer = await client.internalFetch(peer, path)
  } catch {
    throw problem(503, UNAVAILABLE[peer])
  }
  return parsedOr503(peer, schema, answer)
}

function parsedOr503<S extends z.ZodType>(peer: Peer, schema: S, answer: unknown): z.output<S> {
  const parsed = schema.safeParse(answer)
  if (!parsed.success) throw problem(503, UNAVAILABLE[peer])
  return parsed.data
}

/** The peer's refusals of the answer itself; its 401/403/404 would say nothing true to the contact. */
const PASSED_ON: readonly number[] = [400, 409, 422]

/** A refusal problem from the peer, sent on unchanged; anything else is left to the caller (a 503). */
function passOnRefusal(error: unknown, res: RouteContext<unknown, unknown, unknown>['res']): boolean {
  if (!(error instanceof ServiceCallError) || !PASSED_ON.includes(error.status ?? 0)) return false
  const parsed = Problem.safeParse(error.problem)
  if (!parsed.success || parsed.data.status !== error.status) return false
  res.status(parsed.data.status).type('application/problem+json').json(parsed.data)
  return true
}
